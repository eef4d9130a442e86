package synth

// Word pools for names. Everything here is fictional; place stems are
// common Chinese place-name syllables with their pinyin, which becomes the
// id of the region that uses them.

// jurisdiction is the synthetic city whose campaign the site shows.
const (
	jurisdiction      = "兴河市"
	jurisdictionShort = "兴"
	provinceShort     = "宁夏"
)

type place struct{ name, pinyin string }

var places = []place{
	{"金凤", "jinfeng"}, {"西夏", "xixia"}, {"永宁", "yongning"}, {"贺兰", "helan"},
	{"灵武", "lingwu"}, {"平罗", "pingluo"}, {"惠农", "huinong"}, {"大武口", "dawukou"},
	{"利通", "litong"}, {"红寺堡", "hongsibao"}, {"青铜峡", "qingtongxia"}, {"盐池", "yanchi"},
	{"同心", "tongxin"}, {"原州", "yuanzhou"}, {"西吉", "xiji"}, {"隆德", "longde"},
	{"泾源", "jingyuan"}, {"彭阳", "pengyang"}, {"沙坡头", "shapotou"}, {"中宁", "zhongning"},
	{"海原", "haiyuan"}, {"掌政", "zhangzheng"}, {"大新", "daxin"}, {"通贵", "tonggui"},
	{"月牙湖", "yueyahu"}, {"凤凰", "fenghuang"}, {"前进", "qianjin"}, {"玉皇阁", "yuhuangge"},
	{"苏银", "suyin"}, {"良田", "liangtian"}, {"丰登", "fengdeng"}, {"望远", "wangyuan"},
	{"闽宁", "minning"}, {"李俊", "lijun"}, {"杨和", "yanghe"}, {"胜利", "shengli"},
	{"新华", "xinhua"}, {"文化", "wenhua"}, {"富宁", "funing"}, {"长城", "changcheng"},
	{"黄河", "huanghe"}, {"银河", "yinhe"}, {"宝湖", "baohu"}, {"阅海", "yuehai"},
	{"满春", "manchun"}, {"北塔", "beita"}, {"丽景", "lijing"}, {"解放", "jiefang"},
	{"鼓楼", "gulou"}, {"清和", "qinghe"}, {"民乐", "minle"}, {"金沙", "jinsha"},
	{"红果", "hongguo"}, {"镇北", "zhenbei"}, {"南梁", "nanliang"}, {"光明", "guangming"},
	{"新城", "xincheng"}, {"朔方", "shuofang"}, {"宁东", "ningdong"}, {"临河", "linhe"},
	{"洪广", "hongguang"}, {"立岗", "ligang"}, {"金山", "jinshan"}, {"常信", "changxin"},
	{"暖泉", "nuanquan"}, {"习岗", "xigang"}, {"姚伏", "yaofu"}, {"崇岗", "chonggang"},
	{"头闸", "touzha"}, {"高庄", "gaozhuang"}, {"渠口", "qukou"}, {"城关", "chengguan"},
	{"望洪", "wanghong"}, {"胜金", "shengjin"}, {"瞿靖", "qujing"}, {"峡口", "xiakou"},
	{"叶盛", "yesheng"}, {"陈袁滩", "chenyuantan"}, {"郝家桥", "haojiaqiao"}, {"马家滩", "majiatan"},
	{"宁安", "ningan"}, {"兴泾", "xingjing"}, {"双渠", "shuangqu"}, {"燕宝", "yanbao"},
}

// Region kinds with their weights and name suffixes.
type regionKind struct {
	kind     string
	weight   float64
	suffixes []string
}

var regionKinds = []regionKind{
	{"district", 0.10, []string{"区"}},
	{"county", 0.10, []string{"县"}},
	{"town", 0.35, []string{"镇", "镇", "乡"}},
	{"street", 0.30, []string{"街道"}},
	{"park", 0.15, []string{"产业园", "工业园区", "经济技术开发区"}},
}

type department struct{ id, name, kind string }

// departments in the order they are taken: a site with K departments has
// the first K (then numbered copies).
var departments = []department{
	{"fagai", "发展和改革委员会", "市直部门"},
	{"gongxin", "工业和信息化局", "市直部门"},
	{"zhujian", "住房和城乡建设局", "市直部门"},
	{"jiaoyu", "教育局", "市直部门"},
	{"weijian", "卫生健康委员会", "市直部门"},
	{"nongye", "农业农村局", "市直部门"},
	{"shangwu", "商务和投资促进局", "市直部门"},
	{"chengguan", "城市管理局", "市直部门"},
	{"ziranziyuan", "自然资源局", "市直部门"},
	{"jiaotong", "交通运输局", "市直部门"},
	{"wenlv", "文化旅游体育广电局", "市直部门"},
	{"minzheng", "民政局", "市直部门"},
	{"shenpi", "行政审批服务局", "市直部门"},
	{"shuiwu", "水务局", "市直部门"},
	{"shengtai", "生态环境局", "市直部门"},
	{"keji", "科学技术局", "市直部门"},
	{"yingji", "应急管理局", "市直部门"},
	{"caizheng", "财政局", "市直部门"},
	{"renshe", "人力资源和社会保障局", "市直部门"},
	{"shichang", "市场监督管理局", "市直部门"},
	{"linye", "林业和草原局", "市直部门"},
	{"nengyuan", "能源局", "市直部门"},
	{"guozi", "国有资产监督管理委员会", "市直部门"},
	{"tuiyi", "退役军人事务局", "市直部门"},
	{"yibao", "医疗保障局", "市直部门"},
	{"chengtou", "城市建设投资集团有限公司", "市属国有企业"},
	{"jiaotou", "交通投资集团有限公司", "市属国有企业"},
	{"shuitou", "水务投资集团有限公司", "市属国有企业"},
}

// category is an investment domain with the parts of its project names.
type category struct {
	id, name string
	weight   float64
	words    []string // 行业词
	types    []string // 工程类型
	depts    []string // department ids that usually own such projects
	leader   string   // 包抓领导 who usually leads such projects
	company  []string // company name endings; nil: mostly government projects
	promo    bool     // investment promotion (招商引资) projects are common here
	central  bool     // central-budget (中央预算内) funding is common here
}

var categories = []category{
	{"manufacturing", "制造业", 0.20,
		[]string{"智能制造", "高端装备", "新材料", "硅基材料", "新能源汽车零部件", "生物医药", "精细化工", "食品加工", "电子信息", "绿色建材", "锂电池材料", "光伏组件"},
		[]string{"产业园标准化厂房项目", "生产线建设项目", "技术改造项目", "扩能改造项目", "生产基地项目", "产业化项目"},
		[]string{"gongxin", "keji", "fagai"}, "副市长（分管工业）",
		[]string{"新材料科技", "智能装备制造", "科技", "实业", "生物科技", "化工"}, true, false},
	{"energy", "能源", 0.10,
		[]string{"光伏", "风电", "储能", "氢能", "天然气", "热电联产", "110千伏输变电", "农光互补", "分布式光伏"},
		[]string{"发电项目", "电站项目", "示范项目", "管网工程", "输变电工程"},
		[]string{"fagai", "nengyuan", "gongxin"}, "市委常委、常务副市长",
		[]string{"新能源", "能源", "电力", "清洁能源"}, true, false},
	{"infrastructure", "基础设施", 0.18,
		[]string{"城市道路", "供水管网", "污水管网", "雨污分流", "综合管廊", "公共停车场", "公交场站", "农村公路", "跨河桥梁", "排水防涝", "集中供热"},
		[]string{"建设工程", "改造工程", "提升工程", "配套工程", "更新改造工程"},
		[]string{"zhujian", "jiaotong", "chengguan", "shuiwu", "chengtou"}, "副市长（分管城乡建设）",
		nil, false, true},
	{"real-estate", "房地产", 0.10,
		[]string{"住宅小区", "商住综合体", "保障性租赁住房", "人才公寓", "安置住房", "城市综合体"},
		[]string{"开发项目", "建设项目", "一期项目"},
		[]string{"zhujian", "ziranziyuan"}, "副市长（分管城乡建设）",
		[]string{"置业", "房地产开发", "地产"}, true, false},
	{"social", "社会民生", 0.14,
		[]string{"中学", "小学", "幼儿园", "社区卫生服务中心", "养老服务中心", "全民健身中心", "文化活动中心", "人民医院", "妇幼保健院", "职业技术学校"},
		[]string{"新建工程", "改扩建工程", "建设项目", "综合楼建设项目"},
		[]string{"jiaoyu", "weijian", "minzheng", "wenlv"}, "副市长（分管教育卫生）",
		nil, false, true},
	{"urban-renewal", "城市更新", 0.10,
		[]string{"老旧小区", "城中村", "背街小巷", "历史文化街区", "棚户区", "老旧管网", "农贸市场"},
		[]string{"改造项目", "更新改造工程", "提升改造项目", "综合整治项目"},
		[]string{"zhujian", "chengguan", "chengtou"}, "副市长（分管城乡建设）",
		nil, false, true},
	{"agriculture", "农业农村", 0.09,
		[]string{"高标准农田", "设施农业", "奶牛养殖", "肉牛养殖", "冷链物流", "农产品加工", "葡萄酒庄", "枸杞种植", "饲草料"},
		[]string{"建设项目", "示范基地项目", "产业园项目", "提升项目"},
		[]string{"nongye", "shuiwu"}, "副市长（分管农业农村）",
		[]string{"农牧", "农业科技", "食品", "冷链物流"}, true, true},
	{"services", "现代服务业", 0.09,
		[]string{"商贸物流", "电商直播", "文化旅游", "数字经济", "会展", "商业综合体", "智慧物流", "康养旅游"},
		[]string{"产业园项目", "中心建设项目", "基地项目", "综合体项目"},
		[]string{"shangwu", "wenlv", "fagai"}, "副市长（分管商务）",
		[]string{"商贸", "物流", "文化旅游", "数字科技"}, true, false},
}

// Company name stems (字号).
var tradeNames = []string{
	"金泰", "宏远", "华信", "瑞丰", "鼎盛", "中科", "新锐", "恒通", "天和", "博源",
	"嘉禾", "盛世", "祥和", "安达", "正元", "汇通", "塞上", "贺兰山", "黄河", "朔方",
	"润丰", "昊天", "宁晟", "泰和", "中航", "锦程", "德润", "永泰", "盈科", "晨光",
}

// State-owned builders of government projects.
var publicOwners = []string{
	jurisdiction + "城市建设投资集团有限公司",
	jurisdiction + "交通投资集团有限公司",
	jurisdiction + "水务投资集团有限公司",
	jurisdiction + "国有资本运营有限公司",
}

var leaders = []string{
	"市委副书记、市长", "市委常委、常务副市长", "市委常委、副市长", "市政府党组成员",
}

var approvalKinds = []string{"filing", "land", "planning", "eia", "water", "energy", "construction"}

var approvalNames = map[string]string{
	"filing": "立项备案", "land": "用地", "planning": "规划许可", "eia": "环评",
	"water": "水土保持", "energy": "节能审查", "construction": "施工许可",
}

var milestoneNames = []string{
	"场地平整及临建完成", "桩基工程完成", "基础工程完成", "主体结构封顶", "钢结构吊装完成",
	"二次结构完成", "设备进场安装", "室外管网施工", "装饰装修完成", "设备调试", "竣工验收",
}

var problemTexts = []string{
	"施工用电线路迁改", "用地指标调整", "地上附着物征收补偿", "燃气、通信管线迁改",
	"环评批复滞后", "项目融资尚未落实", "施工许可办理滞后", "水土保持方案审批",
	"配套道路未贯通", "主要设备采购延期", "建设用地供应", "规划条件调整",
	"临时用地续期", "供水供热配套接入", "土方外运受限", "专项债券资金到位滞后",
}

var problemLevels = []string{"county", "city", "region", "province"}

// Progress notes by share of the year's work done.
var notesEarly = []string{"场地平整", "土方开挖", "桩基施工", "基础施工", "临建设施搭设"}
var notesMid = []string{"主体结构施工", "钢结构吊装", "基础施工", "主体结构施工", "管网铺设"}
var notesLate = []string{"二次结构", "设备安装", "机电安装", "屋面施工", "管网铺设"}
var notesEnd = []string{"室外配套", "装饰装修", "设备调试", "竣工验收准备", "道路绿化"}
var notesWaiting = []string{"办理施工许可", "招标准备", "前期手续办理中", "施工图审查"}

var chineseDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}
