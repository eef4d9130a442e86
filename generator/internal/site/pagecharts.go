package site

import (
	"gongjian/generator/internal/metrics"
)

// The charts each kind of page shows. Names are what layouts ask for with
// .Chart "name"; creation order numbers the chart ids.

func (b *builder) homeCharts(p *Page, main *metrics.Ranking) error {
	m := b.chartMaker(p)
	s := p.S
	if err := m.gauge("gauge", m.T("chart.gauge_title"), s.Totals.CompletionRate); err != nil {
		return err
	}
	if err := m.trend("trend", m.T("chart.trend_title"), []string{"campaign"}, []string{m.T("metric.fai_growth")}, "fai_growth", targetFor(s, "campaign", "fai_growth")); err != nil {
		return err
	}
	if err := m.pace("pace", m.T("chart.pace_title"), "campaign"); err != nil {
		return err
	}
	if main != nil {
		if err := m.ranking("ranking", main); err != nil {
			return err
		}
	}
	if err := m.pipeline("pipeline", m.T("home.pipeline"), &s.Totals); err != nil {
		return err
	}
	for _, sec := range b.data.Sectors {
		scope := "sector:" + sec.ID
		if err := m.trend("sector-"+sec.ID, sec.Name, []string{scope}, []string{sec.Name}, "fai_growth", targetFor(s, scope, "fai_growth")); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) unitsIndexCharts(p *Page, kind string, main *metrics.Ranking) error {
	if main == nil {
		return nil
	}
	m := b.chartMaker(p)
	if err := m.ranking("ranking", main); err != nil {
		return err
	}
	if err := m.heatmap("heatmap", m.T("chart.heatmap_title."+kind)+" · "+m.T("metric."+main.Metric), kind, main.Metric); err != nil {
		return err
	}
	return m.rankHistory("history", m.T("unit.history")+" · "+m.T("metric."+main.Metric), main)
}

func (b *builder) unitCharts(p *Page, kind string, main *metrics.Ranking) error {
	m := b.chartMaker(p)
	u := p.Unit
	scope := kind + ":" + u.U.ID
	if kind == "region" && (u.FAIGrowth.OK || u.FAI.OK) {
		if err := m.trend("trend", m.T("chart.trend_title"), []string{scope}, []string{u.U.Name}, "fai_growth", targetFor(p.S, scope, "fai_growth")); err != nil {
			return err
		}
	}
	if err := m.pace("pace", m.T("chart.pace_title"), scope); err != nil {
		return err
	}
	if main != nil && len(main.Periods) > 0 {
		if err := m.rankHistory("history", m.T("unit.history")+" · "+m.T("metric."+main.Metric), main, u.U.ID); err != nil {
			return err
		}
	}
	return m.pipeline("pipeline", m.T("home.pipeline"), &u.Group)
}

func (b *builder) groupCharts(p *Page, prefix string) error {
	m := b.chartMaker(p)
	if err := m.pace("pace", m.T("chart.pace_title"), prefix+p.Group.ID); err != nil {
		return err
	}
	return m.pipeline("pipeline", m.T("home.pipeline"), p.Group)
}
