package dataset

import "gongjian/generator/internal/i18n"

// Codes of the data format, each with its name in the language of the
// message (a clerk reads `region（自治区级）`), and the names people type
// instead of a code, for "did you mean".

func codes(prefix string, values ...string) i18n.Codes {
	out := make(i18n.Codes, len(values))
	for i, v := range values {
		out[i] = i18n.Code{Value: v, Gloss: i18n.M(prefix + v)}
	}
	return out
}

func values(cs i18n.Codes) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Value
	}
	return out
}

var (
	// ApprovalKinds are the kinds of approval (前期手续).
	ApprovalKinds = codes("approval.", "filing", "land", "planning", "eia", "water", "energy", "construction")
	// ProblemLevels are the levels at which a problem is to be solved.
	ProblemLevels = codes("level.", "county", "city", "region", "province")
	// RegionKinds are the kinds of region.
	RegionKinds = codes("region_kind.", "county", "district", "town", "street", "park")
	// Jurisdictions are the levels of the whole area a site covers.
	Jurisdictions = codes("jurisdiction.", "county", "district", "city", "prefecture", "province")
	// Languages are the languages of a site.
	Languages = codes("language.", "zh-Hans", "zh-Hant", "en")
	// MoneyUnits are the units amounts may be written in.
	MoneyUnits = codes("money_unit.", "亿元", "万元", "億元", "萬元")
	// RankingPeriods are the values of rules.ranking_period.
	RankingPeriods = codes("ranking_period.", "month", "quarter", "report")
)

var approvalAliases = map[string]string{
	"立项": "filing", "備案": "filing", "备案": "filing", "立項": "filing", "核准": "filing", "审批": "filing", "審批": "filing",
	"用地": "land", "土地": "land", "用地预审": "land", "用地預審": "land",
	"规划": "planning", "規劃": "planning", "规划许可": "planning", "規劃許可": "planning",
	"环评": "eia", "環評": "eia", "环境影响评价": "eia", "環境影響評價": "eia",
	"水保": "water", "水土保持": "water", "水资源": "water", "水資源": "water",
	"节能": "energy", "節能": "energy", "能评": "energy", "能評": "energy",
	"施工许可": "construction", "施工許可": "construction", "施工": "construction",
}

var levelAliases = map[string]string{
	"县": "county", "县级": "county", "縣": "county", "縣級": "county", "区": "county", "区级": "county", "區": "county", "區級": "county",
	"市": "city", "市级": "city", "市級": "city", "州": "city", "州级": "city", "州級": "city",
	"自治区": "region", "自治区级": "region", "自治區": "region", "自治區級": "region",
	"省": "province", "省级": "province", "省級": "province",
}

var regionKindAliases = map[string]string{
	"县": "county", "縣": "county", "区": "district", "區": "district", "市辖区": "district", "市轄區": "district",
	"镇": "town", "鎮": "town", "乡": "town", "鄉": "town", "乡镇": "town", "鄉鎮": "town",
	"街道": "street", "园区": "park", "園區": "park", "开发区": "park", "開發區": "park", "工业园区": "park", "工業園區": "park",
}

var jurisdictionAliases = map[string]string{
	"县": "county", "縣": "county", "全县": "county", "全縣": "county",
	"区": "district", "區": "district", "全区": "district", "全區": "district",
	"市": "city", "全市": "city", "州": "prefecture", "全州": "prefecture", "盟": "prefecture", "地区": "prefecture", "地區": "prefecture",
	"省": "province", "全省": "province", "自治区": "province", "自治區": "province",
}

var languageAliases = map[string]string{
	"zh-CN": "zh-Hans", "zh-cn": "zh-Hans", "zh": "zh-Hans", "简体": "zh-Hans", "简体中文": "zh-Hans", "簡體": "zh-Hans",
	"zh-TW": "zh-Hant", "zh-tw": "zh-Hant", "zh-HK": "zh-Hant", "繁体": "zh-Hant", "繁體": "zh-Hant", "繁體中文": "zh-Hant", "繁体中文": "zh-Hant",
	"English": "en", "english": "en", "英文": "en", "en-US": "en",
}

var moneyAliases = map[string]string{"亿": "亿元", "万": "万元", "億": "億元", "萬": "萬元", "亿元人民币": "亿元", "万元人民币": "万元"}

var periodAliases = map[string]string{
	"月": "month", "每月": "month", "monthly": "month", "季": "quarter", "季度": "quarter", "quarterly": "quarter",
	"旬": "report", "每旬": "report", "调度": "report", "調度": "report", "每次调度": "report",
}
