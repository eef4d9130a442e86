package view

import (
	"slices"
	"strconv"

	"gongjian/generator/internal/dataset"
	"gongjian/generator/internal/metrics"
)

// Campaign is the campaign header of the home page and bulletins.
type Campaign struct {
	Name, Issuer, Document string
	Period                 string // 2023年8月15日 — 2023年11月30日
	AsOf                   string
	Expected               string
	Day                    string // 攻坚第 47 天 · 剩余 61 天
	Years                  string // multi-year: 2021—2023年
}

// Campaign builds the campaign header.
func (c *Context) Campaign() Campaign {
	cp := c.Site.Campaign
	v := Campaign{Name: cp.Name, Issuer: cp.Issuer, Document: cp.Document,
		Period: c.S.T("campaign.span", c.Date(cp.Start), c.Date(cp.End)), AsOf: c.Date(c.Snap.AsOf),
		Expected: c.Percent(c.Snap.Expected)}
	d := c.Snap.AsOf
	switch {
	case d < cp.Start:
		v.Day = c.S.T("campaign.before", int(cp.Start-d))
	case d > cp.End:
		v.Day = c.S.T("campaign.after")
	default:
		v.Day = c.S.T("campaign.day", int(d-cp.Start)+1, int(cp.End-d))
	}
	if c.MultiYear() {
		y0, y1 := cp.Years()
		v.Years = c.S.T("campaign.years", y0, y1)
	}
	return v
}

// BulletinLink is a bulletin in a list.
type BulletinLink struct {
	Number, Title, URL, Date, AsOf, PDF string
}

// Bulletins are the bulletins that existed at the page's date (as_of ≤
// D: time travel hides later ones), newest first.
func (c *Context) Bulletins(root string, pdfs map[string]string) []BulletinLink {
	var out []BulletinLink
	for _, b := range c.Site.Bulletins {
		if b.AsOf > c.Latest {
			continue
		}
		l := BulletinLink{Number: b.Number, Title: b.Title, URL: Link(root, "/bulletins/"+b.Slug+"/"), Date: c.Date(b.Date), AsOf: c.Date(b.AsOf)}
		if p := pdfs[b.Slug]; p != "" {
			l.PDF = Link(root, p)
		}
		out = append(out, l)
	}
	slices.Reverse(out)
	return out
}

// Sector is a statistical sector's growth against its own target.
type Sector struct {
	Name, Growth, From string
	Target             string
	Status             Status
}

// Sectors are the sectors' growth at D.
func (c *Context) Sectors() []Sector {
	var out []Sector
	for _, x := range c.Snap.Sectors {
		s := Sector{Name: x.Name, Growth: c.Percent(x.Growth.Num())}
		if x.Growth.OK {
			s.From = c.S.T("sector.from", c.ShortDate(x.Growth.From))
		}
		if t := c.Snap.TheTarget(metrics.Scope{Kind: metrics.ScopeSector, ID: x.ID}, "fai_growth"); t != nil {
			s.Target = c.S.T("card.target", c.Percent(t.Value.Num()), c.Date(t.By))
			s.Status = c.TargetStatus(t)
		}
		out = append(out, s)
	}
	return out
}

// Stage is a pipeline stage's count and amount.
type Stage struct {
	Name, Count, Total string
	Delta              string
}

// Pipeline is the five stages of a group, in the documents' order.
func (c *Context) Pipeline(g *metrics.Group) []Stage {
	var prev *metrics.Group
	if d := c.prevReport(); d != 0 {
		prev = c.Engine.GroupsAt(d).Group(g.Scope)
	}
	var out []Stage
	for i, f := range g.Pipeline {
		st := Stage{Name: c.Stage(f.Stage), Count: c.F.Int(f.Count), Total: c.AmountUnit(f.Total)}
		if prev != nil && i < len(prev.Pipeline) && prev.Pipeline[i].Count != f.Count {
			n := f.Count - prev.Pipeline[i].Count
			st.Delta = signed(c.F.Int(n), n)
		}
		out = append(out, st)
	}
	return out
}

// Change is one project's change between two dates.
type Change struct {
	Name, URL, Region string
	Delta             string
	What              []Flag
}

// Changes is what changed between two dates.
type Changes struct {
	Caption  string
	Delta    string // Σ new completed investment
	Stages   []Stage
	Projects []Change // with a change of state, or among the largest amounts
	More     string   // "另有 12 个项目完成了投资，无状态变化。"
	Moves    []Move
	None     string
}

// Move is a unit's rank at both boards.
type Move struct {
	Kind, Name, URL, Before, Now, Change, Class string
}

// Changes builds the view of what changed between from and to (from < to).
func (c *Context) Changes(from, to dataset.Date, root string) *Changes {
	ch := c.Engine.Changes(from, to)
	v := &Changes{Caption: c.S.T("changes.caption", c.Date(from), c.Date(to)), Delta: c.AmountUnit(ch.Delta), None: c.S.T("changes.none")}
	for _, st := range ch.Stages {
		s := Stage{Name: c.Stage(st.Stage), Count: c.F.Int(st.Now)}
		if n := st.Now - st.Before; n != 0 {
			s.Delta = signed(c.F.Int(n), n)
		}
		v.Stages = append(v.Stages, s)
	}
	largest := map[string]bool{}
	for _, p := range ch.Largest(10) {
		largest[p.Now.P.ID] = true
	}
	quiet := 0
	for _, p := range ch.Projects {
		var what []Flag
		add := func(on bool, id, class string) {
			if on {
				what = append(what, Flag{ID: id, Class: class, Text: c.S.T("changes." + id)})
			}
		}
		add(p.Started, "started", "ok")
		add(p.Finished, "finished", "ok")
		add(p.BecameSlow, "became_slow", "bad")
		add(p.Recovered, "recovered", "ok")
		add(p.Corrected, "corrected", "info")
		if len(what) == 0 && !largest[p.Now.P.ID] {
			quiet++
			continue
		}
		dp := p.Now.P
		v.Projects = append(v.Projects, Change{Name: dp.Name, URL: Link(root, ProjectURL(dp.ID)),
			Region: c.Name(metrics.Scope{Kind: metrics.ScopeRegion, ID: dp.Region}),
			Delta:  signed(c.AmountUnit(p.Delta.Num()), p.Delta.Sign()), What: what})
	}
	if quiet > 0 {
		v.More = c.S.T("changes.more", quiet)
	}
	for _, m := range ch.Units {
		mv := Move{Kind: c.S.T("kind." + m.Kind), Name: m.Unit.Name, URL: Link(root, URL(m.Unit.Scope)), Before: rankText(m.Before), Now: rankText(m.Now)}
		if m.Before > 0 && m.Now > 0 && m.Before != m.Now {
			if m.Before > m.Now {
				mv.Change, mv.Class = "↑"+strconv.Itoa(m.Before-m.Now), "up"
			} else {
				mv.Change, mv.Class = "↓"+strconv.Itoa(m.Now-m.Before), "down"
			}
		} else {
			mv.Change = "–"
		}
		v.Moves = append(v.Moves, mv)
	}
	return v
}

func rankText(r int) string {
	if r == 0 {
		return "—"
	}
	return strconv.Itoa(r)
}
