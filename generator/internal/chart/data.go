package chart

// data writes a chart's data object (the merge contract is in the package
// comment): {"height":…,"x":[…],"y":[…],"names":[…],"series":[…],
// "marks":[…],"patch":{…}}, each field optional but height.
type data struct {
	b []byte
}

func newData(size, height int) *data {
	d := &data{b: make([]byte, 0, size)}
	d.b = append(d.b, `{"height":`...)
	d.b = appendNumber(d.b, float64(height))
	return d
}

// field starts a field (after height, so never the first).
func (d *data) field(name string) { d.b = key(d.b, name, false) }

func (d *data) strings(name string, ss []string) {
	d.field(name)
	d.b = appendStrings(d.b, ss)
}

func (d *data) done() []byte { return append(d.b, '}') }

// appendPoint appends [date, value] or [date, null].
func appendPoint(dst []byte, p Point) []byte {
	dst = append(dst, '[')
	dst = appendString(dst, p.Date)
	dst = append(dst, ',')
	if p.Defined {
		dst = appendNumber(dst, p.Value)
	} else {
		dst = append(dst, "null"...)
	}
	return append(dst, ']')
}

func appendPoints(dst []byte, ps []Point) []byte { return appendArray(dst, ps, appendPoint) }

// appendGrid appends a patch of the grid's top and right margins (< 0:
// left to the shell).
func appendGrid(dst []byte, top, right int) []byte {
	dst = append(dst, `"grid":[{`...)
	first := true
	if top >= 0 {
		dst = key(dst, "top", first)
		dst = appendNumber(dst, float64(top))
		first = false
	}
	if right >= 0 {
		dst = key(dst, "right", first)
		dst = appendNumber(dst, float64(right))
	}
	return append(dst, "}]"...)
}

// appendRange appends "min":lo,"max":hi.
func appendRange(dst []byte, lo, hi float64) []byte {
	dst = append(dst, `"min":`...)
	dst = appendNumber(dst, lo)
	dst = append(dst, `,"max":`...)
	return appendNumber(dst, hi)
}
