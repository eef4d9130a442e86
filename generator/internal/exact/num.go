package exact

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
)

// Num is an exact figure: the rational n/d, or undefined (the zero Num).
// Values that do not fit int64 numerator and denominator are held in a
// big.Rat instead; every operation gives the exact result either way.
type Num struct {
	n, d int64    // d > 0 when defined on the int64 path
	r    *big.Rat // the value when it does not fit; then d == 0
}

// Undefined is the undefined figure (a rate whose denominator is 0).
var Undefined = Num{}

// Int is the figure i.
func Int(i int64) Num { return Num{n: i, d: 1} }

// Frac is num/den; undefined when den is 0.
func Frac(num, den int64) Num {
	if den == 0 {
		return Num{}
	}
	if den < 0 {
		if num == math.MinInt64 || den == math.MinInt64 {
			return fromRat(new(big.Rat).SetFrac(big.NewInt(num), big.NewInt(den)))
		}
		num, den = -num, -den
	}
	return Num{n: num, d: den}
}

// Percent is num/den × 100, the form of every rate; undefined when den is
// not positive (metrics.md: a rate whose denominator is 0 is undefined;
// amounts and counts are never negative, so a negative denominator means
// nothing sensible either).
func Percent(num, den Num) Num {
	if !num.OK() || !den.OK() || den.Sign() <= 0 {
		return Num{}
	}
	return num.Mul(Int(100)).Quo(den)
}

// OK reports whether x is defined.
func (x Num) OK() bool { return x.d != 0 || x.r != nil }

func (x Num) rat() *big.Rat {
	if x.r != nil {
		return x.r
	}
	return new(big.Rat).SetFrac(big.NewInt(x.n), big.NewInt(x.d))
}

// fromRat brings a big result back to int64s when it fits.
func fromRat(r *big.Rat) Num {
	if r.Num().IsInt64() && r.Denom().IsInt64() {
		return Num{n: r.Num().Int64(), d: r.Denom().Int64()}
	}
	return Num{r: r}
}

// Add is x + y; undefined when either is.
func (x Num) Add(y Num) Num {
	if !x.OK() || !y.OK() {
		return Num{}
	}
	if x.r == nil && y.r == nil {
		if x.d == y.d {
			if s, ok := add64(x.n, y.n); ok {
				return Num{n: s, d: x.d}
			}
		} else if a, ok := mul64(x.n, y.d); ok {
			if b, ok := mul64(y.n, x.d); ok {
				if s, ok := add64(a, b); ok {
					if d, ok := mul64(x.d, y.d); ok {
						return Num{n: s, d: d}.reduced()
					}
				}
			}
		}
	}
	return fromRat(new(big.Rat).Add(x.rat(), y.rat()))
}

// Neg is −x.
func (x Num) Neg() Num {
	if !x.OK() {
		return Num{}
	}
	if x.r == nil && x.n != math.MinInt64 {
		return Num{n: -x.n, d: x.d}
	}
	return fromRat(new(big.Rat).Neg(x.rat()))
}

// Sub is x − y.
func (x Num) Sub(y Num) Num { return x.Add(y.Neg()) }

// Mul is x × y.
func (x Num) Mul(y Num) Num {
	if !x.OK() || !y.OK() {
		return Num{}
	}
	if x.r == nil && y.r == nil {
		if n, ok := mul64(x.n, y.n); ok {
			if d, ok := mul64(x.d, y.d); ok {
				return Num{n: n, d: d}.reduced()
			}
		}
	}
	return fromRat(new(big.Rat).Mul(x.rat(), y.rat()))
}

// Quo is x / y; undefined when y is 0 or either is undefined.
func (x Num) Quo(y Num) Num {
	if !x.OK() || !y.OK() || y.Sign() == 0 {
		return Num{}
	}
	if x.r == nil && y.r == nil {
		n, d := y.d, y.n // 1/y
		if d < 0 && d != math.MinInt64 && n != math.MinInt64 {
			n, d = -n, -d
		}
		if d > 0 {
			return x.Mul(Num{n: n, d: d})
		}
	}
	return fromRat(new(big.Rat).Quo(x.rat(), y.rat()))
}

// reduced divides n and d by their greatest common divisor, keeping
// int64 operations possible for longer.
func (x Num) reduced() Num {
	if x.r != nil || x.d == 0 {
		return x
	}
	g := gcd(uabs(x.n), uint64(x.d))
	if g > 1 {
		x.n /= int64(g)
		x.d /= int64(g)
	}
	return x
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func add64(a, b int64) (int64, bool) {
	s := a + b
	return s, (s > a) == (b > 0)
}

func mul64(a, b int64) (int64, bool) {
	if a == 0 || b == 0 {
		return 0, true
	}
	hi, lo := bits.Mul64(uabs(a), uabs(b))
	if hi != 0 || lo > math.MaxInt64 {
		return 0, false
	}
	p := int64(lo)
	if (a < 0) != (b < 0) {
		p = -p
	}
	return p, true
}

// Sign is -1, 0 or 1 (0 for undefined).
func (x Num) Sign() int {
	switch {
	case x.r != nil:
		return x.r.Sign()
	case x.d == 0 || x.n == 0:
		return 0
	case x.n < 0:
		return -1
	}
	return 1
}

// Cmp compares two defined figures exactly: -1, 0 or +1. An undefined
// figure compares below every defined one (callers test OK first; this
// only keeps sorting total).
func (x Num) Cmp(y Num) int {
	switch {
	case !x.OK() && !y.OK():
		return 0
	case !x.OK():
		return -1
	case !y.OK():
		return 1
	}
	if x.r == nil && y.r == nil {
		// n1/d1 vs n2/d2 with d > 0: compare n1·d2 with n2·d1 in 128 bits.
		return cmp128(x.n, y.d, y.n, x.d)
	}
	return x.rat().Cmp(y.rat())
}

// cmp128 compares a·b with c·d, b and d positive.
func cmp128(a, b, c, d int64) int {
	sa, sc := sign(a), sign(c)
	if sa != sc {
		if sa < sc {
			return -1
		}
		return 1
	}
	if sa == 0 {
		return 0
	}
	h1, l1 := bits.Mul64(uabs(a), uint64(b))
	h2, l2 := bits.Mul64(uabs(c), uint64(d))
	r := 0
	switch {
	case h1 != h2:
		r = cmpU(h1, h2)
	default:
		r = cmpU(l1, l2)
	}
	if sa < 0 {
		r = -r
	}
	return r
}

func cmpU(a, b uint64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func sign(v int64) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}

// Less reports x < y (both defined).
func (x Num) Less(y Num) bool { return x.Cmp(y) < 0 }

// GE reports x ≥ y, false when either is undefined: an undefined figure
// never meets a threshold.
func (x Num) GE(y Num) bool { return x.OK() && y.OK() && x.Cmp(y) >= 0 }

// Float64 is the double nearest x (0 for undefined). With numerator and
// denominator exactly representable, one IEEE division is correctly
// rounded; otherwise big.Rat rounds exactly.
func (x Num) Float64() float64 {
	if !x.OK() {
		return 0
	}
	if x.r == nil {
		const exactly = 1 << 53
		if x.n > -exactly && x.n < exactly && x.d < exactly {
			return float64(x.n) / float64(x.d)
		}
	}
	f, _ := x.rat().Float64()
	return f
}

// Fixed is x rounded half away from zero to places digits after the
// point, computed exactly: "66.7" for 200/3 at 1 place, "-0.5" for
// -0.45 at 1 place. Undefined gives "".
func (x Num) Fixed(places int) string {
	return string(x.AppendFixed(nil, places))
}

// AppendFixed appends x.Fixed(places) to b.
func (x Num) AppendFixed(b []byte, places int) []byte {
	if !x.OK() {
		return b
	}
	q, neg := x.rounded(places)
	if q.Sign() == 0 {
		neg = false // -0.04 at 1 place is 0.0, not -0.0
	}
	if neg {
		b = append(b, '-')
	}
	s := q.String()
	if places == 0 {
		return append(b, s...)
	}
	if len(s) <= places {
		s = zeros(places-len(s)+1) + s
	}
	b = append(b, s[:len(s)-places]...)
	b = append(b, '.')
	return append(b, s[len(s)-places:]...)
}

// Round is x rounded half away from zero to places digits, exactly.
func (x Num) Round(places int) Num {
	if !x.OK() {
		return Num{}
	}
	q, neg := x.rounded(places)
	if neg {
		q.Neg(q)
	}
	p := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	return fromRat(new(big.Rat).SetFrac(q, p))
}

// rounded is |x| × 10^places rounded half away from zero, and x's sign.
func (x Num) rounded(places int) (*big.Int, bool) {
	if x.r == nil && x.n != math.MinInt64 && places <= 18 {
		a := x.n
		if a < 0 {
			a = -a
		}
		if m, ok := mul64(a, pow10[places]); ok {
			q, r := m/x.d, m%x.d
			if 2*uint64(r) >= uint64(x.d) {
				q++
			}
			return big.NewInt(q), x.n < 0
		}
	}
	r := x.rat()
	neg := r.Sign() < 0
	a := new(big.Rat).Abs(r)
	a.Mul(a, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)))
	q, m := new(big.Int).QuoRem(a.Num(), a.Denom(), new(big.Int))
	if m.Lsh(m, 1).Cmp(a.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	return q, neg
}

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}

// Dec is x as an amount when it is one exactly (at most Places digits
// after the point and within range).
func (x Num) Dec() (Dec, bool) {
	if !x.OK() {
		return 0, false
	}
	y := x.Mul(Int(Scale))
	if y.r != nil || y.d != 1 || y.n <= -MaxAmount*Scale || y.n >= MaxAmount*Scale {
		return 0, false
	}
	return Dec(y.n), true
}

// AppendJSON appends x as a JSON number: exact when x is a decimal with
// at most Places digits (an amount, a count, a growth figure as given),
// else the double nearest x; null when undefined.
func (x Num) AppendJSON(b []byte) []byte {
	if !x.OK() {
		return append(b, "null"...)
	}
	if y := x.Mul(Int(Scale)); y.isInt() {
		if y.r == nil {
			return Dec(y.n).Append(b)
		}
		return appendBigDecimal(b, y.r.Num())
	}
	f := x.Float64()
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return append(b, "null"...)
	}
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'f', -1, 64)
}

// String is AppendJSON's text, for logs and tests.
func (x Num) String() string { return string(x.AppendJSON(nil)) }

// MarshalJSON writes x as AppendJSON does.
func (x Num) MarshalJSON() ([]byte, error) { return x.AppendJSON(nil), nil }

// MarshalJSON writes d as an exact decimal.
func (d Dec) MarshalJSON() ([]byte, error) { return d.Append(nil), nil }

var pow10 = [...]int64{1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// isInt reports whether x is a whole number.
func (x Num) isInt() bool {
	if x.r != nil {
		return x.r.IsInt()
	}
	return x.d == 1
}

// appendBigDecimal appends v ten-thousandths as an exact decimal.
func appendBigDecimal(b []byte, v *big.Int) []byte {
	if v.Sign() < 0 {
		b = append(b, '-')
	}
	q, m := new(big.Int).QuoRem(new(big.Int).Abs(v), big.NewInt(Scale), new(big.Int))
	b = q.Append(b, 10)
	if m.Sign() == 0 {
		return b
	}
	frac := Dec(m.Int64()).String() // "0.xxxx"
	return append(b, frac[1:]...)
}
