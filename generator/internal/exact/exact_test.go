package exact

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
)

func TestParseFloat(t *testing.T) {
	for _, tc := range []struct {
		in   float64
		want string
		err  error
	}{
		{24.56, "24.56", nil},
		{173, "173", nil},
		{1.2345, "1.2345", nil},
		{1.23450, "1.2345", nil},
		{0.1, "0.1", nil},
		{-0.5, "-0.5", nil},
		{9999999999.9999, "9999999999.9999", nil},
		{1.23456, "", ErrPlaces},
		{0.00001, "", ErrPlaces},
		{1e10, "", ErrRange},
		{-1e10, "", ErrRange},
		{math.NaN(), "", ErrNotFinit},
		{math.Inf(1), "", ErrNotFinit},
	} {
		d, err := ParseFloat(tc.in)
		if err != tc.err || (err == nil && d.String() != tc.want) {
			t.Errorf("ParseFloat(%v) = %v, %v; want %s, %v", tc.in, d, err, tc.want, tc.err)
		}
	}
}

func TestParseString(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		err      error
	}{
		{"1.2345", "1.2345", nil},
		{"+3", "3", nil},
		{"-0.50", "-0.5", nil},
		{".5", "0.5", nil},
		{"5.", "5", nil},
		{"007", "7", nil},
		{"1.23456", "", ErrPlaces},
		{"", "", ErrSyntax},
		{".", "", ErrSyntax},
		{"1e3", "", ErrSyntax},
		{"1,234", "", ErrSyntax},
		{"12345678901", "", ErrRange},
	} {
		d, err := ParseString(tc.in)
		if err != tc.err || (err == nil && d.String() != tc.want) {
			t.Errorf("ParseString(%q) = %v, %v; want %s, %v", tc.in, d, err, tc.want, tc.err)
		}
	}
}

// The first edition summed floats: 173 split into plans read 172.99999999999994
// and missed a target of 173.
func TestSumsAreExact(t *testing.T) {
	plans := []float64{86.71, 64.88, 3.48, 17.93} // float64 sum: 172.99999999999997
	var fs float64
	var s Sum
	for _, p := range plans {
		fs += p
		d, err := ParseFloat(p)
		if err != nil {
			t.Fatal(err)
		}
		s.Add(d)
	}
	if fs >= 173 {
		t.Fatalf("float64 sum is %v; the case no longer shows the float problem", fs)
	}
	target := MustInt(173).Num()
	if got := s.Num(); got.Cmp(target) != 0 || !got.GE(target) {
		t.Errorf("Σ plans = %v; want exactly 173 and met", got)
	}
	if got := s.Num().String(); got != "173" {
		t.Errorf("JSON of Σ = %s; want 173", got)
	}
	var noise Sum
	for _, p := range []float64{12.1, 12.46} {
		d, _ := ParseFloat(p)
		noise.Add(d)
	}
	if got := noise.Num().String(); got != "24.56" {
		t.Errorf("12.1+12.46 = %s; want 24.56", got)
	}
}

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		num, den Num
		json     string
		fixed1   string
	}{
		{Int(2), Int(3), "66.66666666666667", "66.7"},
		{Int(1), Int(3), "33.333333333333336", "33.3"},
		{Int(0), Int(5), "0", "0.0"},
		{Int(5), Int(0), "null", ""},
		{Dec(133300).Num(), Dec(20000).Num(), "666.5", "666.5"}, // 13.33/2
		{Dec(13330).Num(), Dec(20000).Num(), "66.65", "66.7"},   // half away from zero, exactly
		{Int(-1), Int(3), "-33.333333333333336", "-33.3"},       // negative growth gaps
		{Dec(1).Num(), Dec(1e13).Num(), "1e-11", "0.0"},         // tiny: 0.0001/1e9 × 100
	} {
		p := Percent(tc.num, tc.den)
		if got := p.String(); got != tc.json {
			t.Errorf("Percent(%v, %v) JSON = %s; want %s", tc.num, tc.den, got, tc.json)
		}
		if got := p.Fixed(1); got != tc.fixed1 {
			t.Errorf("Percent(%v, %v).Fixed(1) = %q; want %q", tc.num, tc.den, got, tc.fixed1)
		}
	}
	// metrics.md fine point 15: 200/3, not (2/3)·100 in floating point.
	two, three := 2.0, 3.0
	if got, naive := Percent(Int(2), Int(3)).Float64(), two/three*100; got == naive {
		t.Errorf("Percent(2,3) = %v equals the naive float result; the exact double is 66.66666666666667", got)
	}
}

func TestFixedRounding(t *testing.T) {
	for _, tc := range []struct {
		x      Num
		places int
		want   string
	}{
		{Dec(10050).Num(), 2, "1.01"}, // 1.005: the double 1.005 is below, exact is half
		{Dec(-10050).Num(), 2, "-1.01"},
		{Frac(-45, 100), 1, "-0.5"},
		{Frac(-4, 100), 1, "0.0"},
		{Frac(1, 8), 2, "0.13"},
		{Int(7), 0, "7"},
		{Frac(5, 10), 0, "1"},
		{Frac(123456789, 1000), 2, "123456.79"},
	} {
		if got := tc.x.Fixed(tc.places); got != tc.want {
			t.Errorf("(%v).Fixed(%d) = %q; want %q", tc.x, tc.places, got, tc.want)
		}
	}
}

func TestCmpAndTies(t *testing.T) {
	a := Percent(Dec(30000).Num(), Dec(90000).Num()) // 3/9
	b := Percent(Int(1), Int(3))
	if a.Cmp(b) != 0 {
		t.Errorf("3/9 vs 1/3 = %d; want a tie", a.Cmp(b))
	}
	if !Undefined.Less(Int(0)) || Undefined.GE(Int(0)) || Int(0).GE(Undefined) {
		t.Errorf("undefined must sort first and never meet a threshold")
	}
	if Frac(1, 3).Cmp(Frac(333333333, 1000000000)) <= 0 {
		t.Errorf("1/3 should be greater than 0.333333333")
	}
}

// Random operations against math/big, including values that force the
// big path.
func TestAgainstBig(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vals := func() (Num, *big.Rat) {
		var n, d int64
		switch r.IntN(4) {
		case 0:
			n, d = r.Int64N(2000)-1000, r.Int64N(100)+1
		case 1:
			n, d = r.Int64()-math.MaxInt64/2, r.Int64N(math.MaxInt64)+1
		case 2:
			n, d = math.MinInt64+r.Int64N(3), 1
		default:
			n, d = r.Int64N(1e15), Scale
		}
		return Frac(n, d), new(big.Rat).SetFrac(big.NewInt(n), big.NewInt(d))
	}
	for i := 0; i < 20000; i++ {
		x, xr := vals()
		y, yr := vals()
		check := func(op string, got Num, want *big.Rat) {
			if got.rat().Cmp(want) != 0 {
				t.Fatalf("%v %s %v = %v; want %v", xr, op, yr, got.rat(), want)
			}
		}
		check("+", x.Add(y), new(big.Rat).Add(xr, yr))
		check("-", x.Sub(y), new(big.Rat).Sub(xr, yr))
		check("*", x.Mul(y), new(big.Rat).Mul(xr, yr))
		if yr.Sign() != 0 {
			check("/", x.Quo(y), new(big.Rat).Quo(xr, yr))
		}
		if got, want := x.Cmp(y), xr.Cmp(yr); got != want {
			t.Fatalf("Cmp(%v, %v) = %d; want %d", xr, yr, got, want)
		}
		if got, want := x.Float64(), func() float64 { f, _ := xr.Float64(); return f }(); got != want {
			t.Fatalf("Float64(%v) = %v; want %v", xr, got, want)
		}
	}
}

func TestSumOverflowGoesBig(t *testing.T) {
	var s Sum
	big := Dec(MaxAmount*Scale - 1)
	for i := 0; i < 2000; i++ {
		s.Add(big)
	}
	if _, ok := s.Dec(); ok {
		t.Errorf("a sum beyond the range of amounts reported ok")
	}
	if got := s.Num().String(); got != "19999999999999.8" {
		t.Errorf("sum = %s; want 19999999999999.8", got)
	}
}

// FuzzParseString: a parsed decimal prints back as itself (minus
// trailing zeros and a plus sign), and its nearest double is the one
// strconv reads from that text.
func FuzzParseString(f *testing.F) {
	for _, s := range []string{"1.2345", "-0.5", "+3", "007", ".5", "5.", "9999999999.9999", "1e3", "1,2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseString(s)
		if err != nil {
			return
		}
		back, err := ParseString(d.String())
		if err != nil || back != d {
			t.Fatalf("ParseString(%q) = %v, which reads back as %v, %v", s, d, back, err)
		}
		want, err := strconv.ParseFloat(d.String(), 64)
		if err != nil || want != d.Float64() {
			t.Fatalf("(%v).Float64() = %v; strconv reads %v", d, d.Float64(), want)
		}
	})
}
