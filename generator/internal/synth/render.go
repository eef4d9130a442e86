package synth

import (
	"strconv"
	"strings"

	"gongjian/generator/internal/dataset"
)

// files lists every file of the site, the large report files first so that
// they are written while the many small files are.
func (s *site) files() []file {
	var fs []file
	for i, d := range s.dates {
		fs = append(fs, file{"content/reports/" + d.String() + ".toml", func(b []byte) []byte { return s.report(b, i) }})
	}
	fs = append(fs,
		file{"site.toml", s.siteTOML},
		file{"content/_index.md", s.home},
		file{"content/about.md", s.about},
	)
	for _, m := range s.bulletinIndexes() {
		d := s.dates[m]
		slug := d.String()[:7]
		fs = append(fs, file{"content/bulletins/" + slug + ".md", func(b []byte) []byte { return s.bulletin(b, m) }})
	}
	for _, u := range s.regions {
		fs = append(fs, file{"content/regions/" + u.id + ".toml", func(b []byte) []byte { return s.regionTOML(b, u) }})
	}
	for _, u := range s.departments {
		fs = append(fs, file{"content/departments/" + u.id + ".toml", func(b []byte) []byte { return s.departmentTOML(b, u) }})
	}
	for _, p := range s.projects {
		fs = append(fs, file{"content/projects/" + p.id + ".toml", func(b []byte) []byte { return s.projectTOML(b, p) }})
		if p.narrative {
			fs = append(fs, file{"content/projects/" + p.id + ".md", func(b []byte) []byte { return s.projectMD(b, p) }})
		}
	}
	return fs
}

// TOML writing helpers.

func appendStr(b []byte, k, v string) []byte {
	b = append(b, k...)
	b = append(b, " = "...)
	return appendQuoted(b, v)
}

// appendQuoted writes a TOML basic string.
func appendQuoted(b []byte, v string) []byte {
	b = append(b, '"')
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return append(b, '"', '\n')
}

func appendDate(b []byte, k string, d dataset.Date) []byte {
	b = append(b, k...)
	b = append(b, " = "...)
	b = appendISODate(b, d)
	return append(b, '\n')
}

func appendISODate(b []byte, d dataset.Date) []byte {
	t := d.Time()
	y, m, dd := t.Date()
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '-', byte('0'+m/10), byte('0'+m%10), '-', byte('0'+dd/10), byte('0'+dd%10))
	return b
}

// appendFixed writes n/10^dec with dec decimals, trailing zeros trimmed
// but one decimal kept: 559 → 5.59, 520 → 5.2, 600 → 6.0, -5 (dec 1) → -0.5.
func appendFixed(b []byte, n int64, dec int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	div := int64(1)
	for range dec {
		div *= 10
	}
	b = strconv.AppendInt(b, n/div, 10)
	frac := n % div
	digits := make([]byte, dec)
	for i := dec - 1; i >= 0; i-- {
		digits[i] = byte('0' + frac%10)
		frac /= 10
	}
	end := dec
	for end > 1 && digits[end-1] == '0' {
		end--
	}
	b = append(b, '.')
	return append(b, digits[:end]...)
}

func appendNum(b []byte, k string, n int64, dec int) []byte {
	b = append(b, k...)
	b = append(b, " = "...)
	b = appendFixed(b, n, dec)
	return append(b, '\n')
}

func appendTarget(b []byte, table, metric string, value int64, by dataset.Date) []byte {
	b = append(b, "\n[["...)
	b = append(b, table...)
	b = append(b, "]]\n"...)
	b = appendStr(b, "metric", metric)
	b = appendNum(b, "value", value, 1)
	return appendDate(b, "by", by)
}

func (s *site) siteTOML(b []byte) []byte {
	y := s.year
	b = append(b, marker...)
	b = append(b, "\n# seed "...)
	b = strconv.AppendInt(b, s.o.Seed, 10)
	b = append(b, ", "...)
	b = strconv.AppendInt(b, int64(len(s.projects)), 10)
	b = append(b, " projects\n"...)
	b = appendStr(b, "title", jurisdiction+"扩大有效投资百日攻坚")
	b = appendStr(b, "base_url", "https://example.gov.cn/invest/")
	b = appendStr(b, "language", "zh-Hans")
	b = appendStr(b, "money_unit", "亿元")
	b = append(b, "\n[campaign]\n"...)
	b = appendStr(b, "name", jurisdiction+strconv.Itoa(y)+"年扩大有效投资百日攻坚")
	b = appendStr(b, "issuer", jurisdiction+"人民政府办公室")
	b = appendStr(b, "document", jurisdictionShort+"政办发〔"+strconv.Itoa(y)+"〕61号")
	b = appendDate(b, "start", s.date(8, 15))
	b = appendDate(b, "end", s.date(11, 30))
	b = append(b, "year = "...)
	b = strconv.AppendInt(b, int64(y), 10)
	b = append(b, '\n')

	b = append(b, "\n# 投资领域\n"...)
	for _, c := range categories {
		b = append(b, "[[categories]]\n"...)
		b = appendStr(b, "id", c.id)
		b = appendStr(b, "name", c.name)
		b = append(b, '\n')
	}

	sep30, nov30, dec31 := s.date(9, 30), s.date(11, 30), s.date(12, 31)
	type tg struct {
		metric string
		value  int64 // tenths
		by     dataset.Date
	}
	lists := []struct {
		id, name string
		targets  []tg
	}{
		{"batch-1", "第一批基本建设项目", []tg{{"start_rate", 1000, sep30}, {"pace", 850, sep30}}},
		{"batch-2", "第二批基本建设项目", []tg{{"start_rate", 1000, sep30}, {"pace", 850, sep30}}},
		{"batch-3", "第三批基本建设项目", []tg{{"start_rate", 900, nov30}}},
		{"central-budget", "中央预算内投资项目", []tg{{"start_rate", 1000, sep30}, {"completion_rate", 850, dec31}}},
		{"region-key", "自治区集中开工重大项目", []tg{{"pace", 850, sep30}, {"pace", 1000, dec31}}},
		{"promotion", "招商引资项目", []tg{{"landing_rate", 500, sep30}, {"landed_start_rate", 800, sep30}}},
	}
	b = append(b, "# 项目批次与资金清单\n"...)
	for _, l := range lists {
		b = append(b, "[[lists]]\n"...)
		b = appendStr(b, "id", l.id)
		b = appendStr(b, "name", l.name)
		for _, t := range l.targets {
			b = appendTarget(b, "lists.targets", t.metric, t.value, t.by)
		}
		b = append(b, '\n')
	}

	b = append(b, "# 统计口径的投资领域（报表 [stats.sectors] 的键）\n"...)
	sectorTargets := [sectorCount][]tg{
		{{"fai_growth", 100, sep30}, {"fai_growth", 200, dec31}},
		{{"fai_growth", 50, dec31}},
		{{"fai_growth", 80, sep30}, {"fai_growth", 100, dec31}},
		{{"fai_growth", 80, dec31}},
	}
	for k, sc := range sectors {
		b = append(b, "[[sectors]]\n"...)
		b = appendStr(b, "id", sc.id)
		b = appendStr(b, "name", sc.name)
		for _, t := range sectorTargets[k] {
			b = appendTarget(b, "sectors.targets", t.metric, t.value, t.by)
		}
		b = append(b, '\n')
	}

	b = append(b, "# 全市目标"...)
	for _, t := range []tg{
		{"fai_growth", 80, dec31},
		{"fai", s.faiTarget, dec31},
		{"pace", 850, sep30},
		{"pace", 1000, dec31},
		{"landing_rate", 500, sep30},
		{"landed_start_rate", 800, sep30},
	} {
		b = appendTarget(b, "targets", t.metric, t.value, t.by)
	}

	b = append(b, "\n[rules]\n"...)
	b = append(b, "slow_below = 50.0\n"...)
	b = appendStr(b, "ranking_period", "month")
	b = append(b, `rank_by = { regions = "fai_growth", departments = "completion_rate" }`+"\n"...)
	b = append(b, `escalation = { regions = ["通报批评", "分管领导约谈", "主要领导约谈"] }`+"\n"...)
	return b
}

func (s *site) regionTOML(b []byte, u *unit) []byte {
	b = appendStr(b, "name", u.name)
	b = appendStr(b, "kind", u.kind)
	return appendTarget(b, "targets", "fai_growth", int64(u.growthTarget)*10, s.date(12, 31))
}

func (s *site) departmentTOML(b []byte, u *unit) []byte {
	b = appendStr(b, "name", u.name)
	b = appendStr(b, "kind", u.kind)
	if u.rateTarget {
		b = appendTarget(b, "targets", "completion_rate", 850, s.date(9, 30))
	}
	return b
}

func (s *site) projectTOML(b []byte, p *project) []byte {
	b = appendStr(b, "name", p.name)
	b = appendStr(b, "region", s.regions[p.region].id)
	b = appendStr(b, "owner", s.departments[p.owner].id)
	if p.leader != "" {
		b = appendStr(b, "leader", p.leader)
	}
	if p.company != "" {
		b = appendStr(b, "company", p.company)
	}
	b = appendStr(b, "category", categories[p.cat].id)
	if len(p.lists) > 0 {
		b = append(b, "lists = ["...)
		for i, l := range p.lists {
			if i > 0 {
				b = append(b, ", "...)
			}
			b = append(b, '"')
			b = append(b, l...)
			b = append(b, '"')
		}
		b = append(b, "]\n"...)
	}
	b = appendNum(b, "total", p.total, 2)
	if p.planTable == nil && p.hasPlan {
		b = appendNum(b, "plan", p.plan, 2)
	}
	b = appendDate(b, "start_planned", p.startPlanned)
	if p.startActual != 0 {
		b = appendDate(b, "start_actual", p.startActual)
	}
	b = appendDate(b, "finish_planned", p.finishPlanned)
	if p.finishActual != 0 {
		b = appendDate(b, "finish_actual", p.finishActual)
	}
	if p.class == classReserve {
		b = append(b, "reserve = true\n"...)
	}
	if p.signed != 0 {
		b = appendDate(b, "signed", p.signed)
	}
	if p.landed != 0 {
		b = appendDate(b, "landed", p.landed)
	}
	if p.planTable != nil {
		b = append(b, "\n[plan]\n"...)
		for _, ya := range p.planTable {
			b = appendNum(b, strconv.Itoa(ya.year), ya.amount, 2)
		}
	}
	for _, a := range p.approvals {
		b = append(b, "\n[[approvals]]\n"...)
		b = appendStr(b, "kind", a.kind)
		b = appendDate(b, "due", a.due)
		if a.done != 0 {
			b = appendDate(b, "done", a.done)
		}
	}
	for _, m := range p.milestones {
		b = append(b, "\n[[milestones]]\n"...)
		b = appendStr(b, "name", m.name)
		b = appendDate(b, "due", m.due)
		if m.done != 0 {
			b = appendDate(b, "done", m.done)
		}
	}
	for _, q := range p.problems {
		b = append(b, "\n[[problems]]\n"...)
		b = appendStr(b, "text", q.text)
		b = appendDate(b, "raised", q.raised)
		b = appendStr(b, "level", q.level)
		if q.resolved != 0 {
			b = appendDate(b, "resolved", q.resolved)
		}
	}
	return b
}

func (s *site) report(b []byte, i int) []byte {
	b = appendDate(b, "date", s.dates[i])
	b = append(b, "\n[stats]\n"...)
	b = appendNum(b, "fai", s.statsFAI[i], 1)
	b = appendNum(b, "fai_growth", s.statsGrowth[i], 1)
	b = append(b, "\n[stats.sectors]\n"...)
	for k, sc := range sectors {
		b = appendNum(b, sc.id, s.sectorGrowth[i][k], 1)
	}
	for r, u := range s.regions {
		b = append(b, "\n[regions."...)
		b = append(b, u.id...)
		b = append(b, "]\n"...)
		b = appendNum(b, "fai", s.regionFAI[i][r], 1)
		b = appendNum(b, "fai_growth", s.regionGrowth[i][r], 1)
	}
	for j, p := range s.projects {
		e := s.entries[i][j]
		if e.completed < 0 {
			continue
		}
		b = append(b, "\n[projects."...)
		b = append(b, p.id...)
		b = append(b, "]\n"...)
		b = appendNum(b, "completed", int64(e.completed), 2)
		if e.funds >= 0 {
			b = appendNum(b, "funds", int64(e.funds), 2)
		}
		if e.note > 0 {
			b = appendStr(b, "note", s.notes[e.note-1])
		}
		if e.correction {
			b = append(b, "correction = true\n"...)
		}
	}
	return b
}

// Markdown.

func cnDate(d dataset.Date) string {
	return strconv.Itoa(d.Year()) + "年" + strconv.Itoa(int(d.Month())) + "月" + strconv.Itoa(d.Day()) + "日"
}

func money(cents int64) string { return string(appendFixed(nil, cents, 2)) + "亿元" }

func tenths(n int64) string { return string(appendFixed(nil, n, 1)) }

func (s *site) home(b []byte) []byte {
	var total, plan int64
	for _, p := range s.projects {
		total += p.total
		if p.hasPlan {
			plan += p.plan
		}
	}
	y := strconv.Itoa(s.year)
	b = append(b, "为贯彻落实稳增长、扩投资各项部署，紧抓三季度施工黄金期，"+jurisdiction+"自"+y+"年8月中旬至11月底开展“扩大有效投资百日攻坚”活动（《"+jurisdiction+y+"年扩大有效投资百日攻坚工作方案》，"+jurisdictionShort+"政办发〔"+y+"〕61号）。活动力促制造业投资、基础设施投资、建筑安装工程投资加快回升，推动投资完成时序进度缓慢的重点项目补上欠账，确保全年固定资产投资增长8%以上、总量达到"+tenths(s.faiTarget)+"亿元以上。\n\n"...)
	b = append(b, "本次攻坚共调度重点项目"+strconv.Itoa(len(s.projects))+"个，总投资"+money(total)+"，"+y+"年计划投资"+money(plan)+"，分布在"+strconv.Itoa(len(s.regions))+"个区县（乡镇、街道、园区），由"+strconv.Itoa(len(s.departments))+"个市直部门和单位牵头推进。三季度末两批次基本建设项目开工率达到100%、投资时序进度达到85%以上，全年达到100%；招商引资项目落地率达到50%、落地项目开工率达到80%。\n\n"...)
	b = append(b, "本站按照“一旬一调度、一月一通报”的工作机制，公开展示全市及各区县（乡镇、街道、园区）固定资产投资增速，重点项目投资完成、开工和前期手续办理情况，以及“展示台”“监督台”“曝光台”排名结果。\n"...)
	return b
}

func (s *site) about(b []byte) []byte {
	b = append(b, "+++\ntitle = \"关于本站\"\n+++\n"...)
	b = append(b, "本站是"+jurisdiction+"扩大有效投资百日攻坚活动的进展公开平台。**本站数据为程序生成的合成数据**（随机种子 "+strconv.FormatInt(s.o.Seed, 10)+"），所列单位、项目、企业名称和数字均为虚构，仅用于测试和演示平台功能。\n\n"...)
	b = append(b, "## 数据来源\n\n- **统计数据**：全市及各区县（乡镇、街道、园区）固定资产投资总量和增速、分领域投资增速，以统计部门反馈的累计数据为准。\n- **项目数据**：重点项目的基本信息、年度计划投资、开竣工时间、前期手续、倒排工期节点和需协调解决问题，由项目责任单位填报、发展改革部门审核汇总。\n- **招商引资数据**：签约、落地时间和实际到位资金由商务和投资促进部门提供。\n\n"...)
	b = append(b, "统计数据如经核实需要调整，在当期调度数据中注明“数据更正”。\n\n## 更新节奏\n\n按照“一旬一调度、一月一通报”机制，攻坚期间每月10日、20日和月末各调度一次项目进展；每月上旬印发上月进展情况通报，通报数据以上月最后一次调度为准。\n"...)
	return b
}

func (s *site) projectMD(b []byte, p *project) []byte {
	c := &categories[p.cat]
	reg := s.regions[p.region]
	b = append(b, p.name+"位于"+reg.name+"，是"+jurisdiction+c.name+"领域的重点项目，总投资"+money(p.total)...)
	if p.hasPlan {
		b = append(b, "，"+strconv.Itoa(s.year)+"年计划投资"+money(p.plan)...)
	}
	b = append(b, "。"...)
	if len(p.lists) > 0 {
		b = append(b, "项目列入"...)
		for i, l := range p.lists {
			if i > 0 {
				b = append(b, "、"...)
			}
			b = append(b, listName(l)...)
		}
		b = append(b, "清单"...)
		if p.leader != "" {
			b = append(b, "，由"+p.leader+"包抓"...)
		}
		b = append(b, "，"+s.departments[p.owner].name+"牵头推进。"...)
	} else {
		b = append(b, "项目由"+s.departments[p.owner].name+"牵头推进。"...)
	}
	b = append(b, "\n\n"...)
	switch p.class {
	case classFinished:
		b = append(b, "项目于"+cnDate(p.startActual)+"开工建设，"+cnDate(p.finishActual)+"竣工投产，下一步将加快达产达效。\n"...)
	case classSlow:
		b = append(b, "项目于"+cnDate(p.startActual)+"开工建设。"...)
		if len(p.problems) > 0 {
			b = append(b, "受"+p.problems[0].text+"等因素影响，"...)
		}
		b = append(b, "项目投资完成进度滞后于时序要求，已制定倒排工期计划，包抓领导定期现场调度，确保节点任务按期完成。\n"...)
	case classNotStarted:
		b = append(b, "项目原计划于"+cnDate(p.startPlanned)+"开工，目前"...)
		pending := ""
		for _, a := range p.approvals {
			if a.done == 0 {
				pending = approvalNames[a.kind]
				break
			}
		}
		if pending != "" {
			b = append(b, pending+"手续尚在办理，"...)
		}
		b = append(b, "相关部门正开辟绿色通道、容缺办理，力争尽早开工。\n"...)
	case classReserve, classFuture:
		b = append(b, "项目计划于"+cnDate(p.startPlanned)+"开工建设，目前正在开展前期工作，纳入"+strconv.Itoa(s.year+1)+"年项目储备。\n"...)
	default:
		b = append(b, "项目于"+cnDate(p.startActual)+"开工建设，"+strconv.Itoa(s.year)+"年重点推进主体工程和配套设施施工，实行周调度，确保完成年度计划投资。\n"...)
	}
	return b
}

func listName(id string) string {
	switch id {
	case "batch-1":
		return "第一批基本建设项目"
	case "batch-2":
		return "第二批基本建设项目"
	case "batch-3":
		return "第三批基本建设项目"
	case "central-budget":
		return "中央预算内投资项目"
	case "region-key":
		return "自治区集中开工重大项目"
	case "promotion":
		return "招商引资项目"
	}
	return id
}

// bulletinIndexes returns the indexes of the month-end reports that
// bulletins freeze: the campaign's months from August on, or the last
// months that have reports.
func (s *site) bulletinIndexes() []int {
	n := min(s.o.Bulletins, 4)
	var monthEnds []int
	for i, m := range s.monthly {
		if m {
			monthEnds = append(monthEnds, i)
		}
	}
	var out []int
	for _, i := range monthEnds {
		if mo := s.dates[i].Month(); mo >= 8 && mo <= 11 {
			out = append(out, i)
		}
	}
	// before August: take earlier months, latest first
	for k := len(monthEnds) - 1; k >= 0 && len(out) < n; k-- {
		if s.dates[monthEnds[k]].Month() < 8 {
			out = append([]int{monthEnds[k]}, out...)
		}
	}
	return out[:min(n, len(out))]
}

// figuresAt are the facts a bulletin tells about report i.
type figuresAt struct {
	started, newStarts, notStarted, slow int
	completed, plan                      int64
	slowNames                            []string
}

func (s *site) figures(i int) figuresAt {
	d := s.dates[i]
	monthStart := dataset.NewDate(d.Year(), d.Month(), 1)
	var f figuresAt
	for j, p := range s.projects {
		var c int64
		for k := i; k >= 0; k-- {
			if e := s.entries[k][j]; e.completed >= 0 {
				c = int64(e.completed)
				break
			}
		}
		f.completed += c
		if p.hasPlan {
			f.plan += p.plan
		}
		started := p.startActual != 0 && p.startActual <= d
		finished := p.finishActual != 0 && p.finishActual <= d
		switch {
		case started:
			f.started++
			if p.startActual >= monthStart {
				f.newStarts++
			}
			if !finished && p.hasPlan && p.plan > 0 && c*2 < p.plan {
				f.slow++
				if len(f.slowNames) < 3 {
					f.slowNames = append(f.slowNames, p.name)
				}
			}
		case p.startPlanned <= d:
			f.notStarted++
		}
	}
	return f
}

func (s *site) bulletin(b []byte, i int) []byte {
	d := s.dates[i]
	month := strconv.Itoa(int(d.Month()))
	number := 1
	for _, k := range s.bulletinIndexes() {
		if k < i {
			number++
		}
	}
	b = append(b, "+++\n"...)
	b = appendStr(b, "title", strconv.Itoa(d.Year())+"年"+month+"月全市扩大有效投资进展情况通报")
	b = appendStr(b, "number", "第"+strconv.Itoa(number)+"期")
	b = appendDate(b, "date", d.AddDays(8))
	b = appendDate(b, "as_of", d)
	b = appendStr(b, "issuer", jurisdiction+"发展和改革委员会")
	b = append(b, "+++\n"...)

	f := s.figures(i)
	b = append(b, "现将截至"+month+"月"+strconv.Itoa(d.Day())+"日全市扩大有效投资进展情况通报如下。\n\n## 一、总体情况\n\n"...)
	period := "1—" + month + "月"
	if d.Month() == 1 {
		period = "1月"
	}
	b = append(b, period+"，全市完成固定资产投资"+tenths(s.statsFAI[i])+"亿元，同比增长"+tenths(s.statsGrowth[i])+"%（全年目标8%）。分领域看，"...)
	for k, sc := range sectors {
		if k > 0 {
			b = append(b, "，"...)
		}
		b = append(b, strings.TrimSuffix(sc.name, "投资")+"投资增长"+tenths(s.sectorGrowth[i][k])+"%"...)
	}
	b = append(b, "。全市"+strconv.Itoa(len(s.projects))+"个重点项目已开工"+strconv.Itoa(f.started)+"个，其中"+month+"月份新开工"+strconv.Itoa(f.newStarts)+"个；累计完成投资"+money(f.completed)...)
	if f.plan > 0 {
		b = append(b, "，完成年度计划的"+tenths((f.completed*1000+f.plan/2)/f.plan)+"%"...)
	}
	b = append(b, "。各区县（乡镇、街道、园区）固定资产投资增速排名如下。\n\n```chart\nkind = \"ranking\"\nmetric = \"fai_growth\"\nof = \"regions\"\n```\n\n## 二、存在问题\n\n"...)
	if f.slow > 0 {
		b = append(b, "一是部分项目投资进度缓慢。截至"+month+"月底，共有"+strconv.Itoa(f.slow)+"个已开工项目投资完成率低于50%，"+strings.Join(f.slowNames, "、")+"等项目进度明显滞后，具体如下表。\n\n"...)
	} else {
		b = append(b, "一是投资进度缓慢项目已全部清零，但部分项目仍需巩固进度，具体如下表。\n\n"...)
	}
	b = append(b, "```table\nkind = \"slow-projects\"\n```\n\n"...)
	b = append(b, "二是"...)
	if f.notStarted > 0 {
		b = append(b, strconv.Itoa(f.notStarted)+"个项目已过计划开工时间仍未开工，主要受施工许可、用地等前期手续制约。"...)
	} else {
		b = append(b, "计划开工项目已全部开工，但新开工项目投资尚未形成规模。"...)
	}
	if last := s.lastRegions(i); len(last) > 0 {
		b = append(b, "三是"+strings.Join(last, "、")+"固定资产投资增速排名末位，按照“晒比促”机制予以通报。"...)
	}
	b = append(b, "\n\n## 三、下步工作\n\n各单位要对照全年目标倒排任务。一是对进度缓慢项目实行一项目一方案，包抓领导现场办公，确保倒排工期节点按期完成。二是对未开工项目开辟绿色通道、容缺办理，力争尽早开工。三是加快第三批基本建设项目前期工作，谋划储备一批"+strconv.Itoa(s.year+1)+"年重大项目。\n"...)
	return b
}

// lastRegions are the names of the regions with the lowest growth in
// report i (all of them when tied).
func (s *site) lastRegions(i int) []string {
	var out []string
	var low int64
	for r, u := range s.regions {
		g := s.regionGrowth[i][r]
		switch {
		case len(out) == 0 || g < low:
			out, low = []string{u.name}, g
		case g == low:
			out = append(out, u.name)
		}
	}
	return out
}
