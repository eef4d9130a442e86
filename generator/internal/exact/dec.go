// Package exact holds the numbers a campaign publishes: amounts as exact
// decimals and every figure derived from them (rates, sums, gaps) as exact
// rationals, so that a verdict never depends on binary noise.
//
// metrics.md ("Numbers are exact"): amounts have at most 4 digits after
// the point and are summed in fixed point; a rate is the exact quotient of
// exact sums; comparisons (met, ties, thresholds) are exact, so a plan
// that sums to 173.00 meets a target of 173; published figures carry no
// binary noise: 24.56, never 24.560000000000002.
//
// Dec is an amount: an int64 count of ten-thousandths. Num is any figure:
// a rational n/d that may be undefined (a rate whose denominator is 0).
// Both stay on int64 arithmetic and move to math/big only when a value
// would not fit, which real campaigns never reach but no input may break.
//
// A published rate is the double nearest its exact value
// (200/3 → 66.66666666666667), and a figure shown to people is rounded
// from the exact value, half away from zero (66.65 → 66.7 exactly, not
// whatever the nearest double of 66.65 rounds to).
package exact

import (
	"errors"
	"math"
	"strconv"
	"strings"
)

// Places is the number of digits an amount may have after the point.
const Places = 4

// Scale is 10^Places: a Dec counts 1/Scale units.
const Scale = 10000

// MaxAmount bounds the magnitude of an amount (exclusive): 10^10 units
// (in 万元, a hundred trillion yuan). With it every amount has at most 15
// significant digits, so the double a TOML parser gives is exactly the
// decimal the user wrote, and sums of many amounts stay in int64.
const MaxAmount = 1e10

// Dec is an exact decimal amount with Places digits after the point.
type Dec int64

// Errors of ParseFloat, ParseString and FromInt. Callers word them for
// people (in the site's language); these are for tests and logs.
var (
	ErrPlaces   = errors.New("more than 4 digits after the point")
	ErrRange    = errors.New("too large")
	ErrNotFinit = errors.New("not a finite number")
	ErrSyntax   = errors.New("not a decimal number")
)

// FromInt is the amount i.
func FromInt(i int64) (Dec, error) {
	if i <= -MaxAmount || i >= MaxAmount {
		return 0, ErrRange
	}
	return Dec(i * Scale), nil
}

// MustInt is FromInt for constants in code and tests.
func MustInt(i int64) Dec {
	d, err := FromInt(i)
	if err != nil {
		panic(err)
	}
	return d
}

// ParseFloat is the amount a TOML float stands for. The shortest decimal
// that rounds to f is the literal the user wrote (trailing zeros dropped),
// as long as it has at most 15 significant digits, which MaxAmount and
// Places guarantee for every amount that is accepted.
func ParseFloat(f float64) (Dec, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, ErrNotFinit
	}
	if f <= -MaxAmount || f >= MaxAmount {
		return 0, ErrRange
	}
	return ParseString(strconv.FormatFloat(f, 'f', -1, 64))
}

// ParseString parses a plain decimal: an optional sign, digits, and at
// most Places digits after a point ("1.2345", "-3", "0.50", ".5").
// Trailing zeros after the point do not count (1.23450 is fine).
func ParseString(s string) (Dec, error) {
	neg := false
	switch {
	case strings.HasPrefix(s, "-"):
		neg, s = true, s[1:]
	case strings.HasPrefix(s, "+"):
		s = s[1:]
	}
	intPart, frac, hasPoint := strings.Cut(s, ".")
	if intPart == "" && (!hasPoint || frac == "") {
		return 0, ErrSyntax
	}
	frac = strings.TrimRight(frac, "0")
	if !digits(intPart) || !digits(frac) {
		return 0, ErrSyntax
	}
	if len(frac) > Places {
		return 0, ErrPlaces
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 10 {
		return 0, ErrRange
	}
	var v int64
	for _, c := range intPart {
		v = v*10 + int64(c-'0')
	}
	if v >= MaxAmount {
		return 0, ErrRange
	}
	v *= Scale
	mul := int64(Scale / 10)
	for _, c := range frac {
		v += int64(c-'0') * mul
		mul /= 10
	}
	if neg {
		v = -v
	}
	return Dec(v), nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// String is the exact decimal without trailing zeros: 24.56, 173, -0.5.
// It is how amounts are published in JSON and CSV.
func (d Dec) String() string {
	return string(d.Append(nil))
}

// Append appends d.String() to b.
func (d Dec) Append(b []byte) []byte {
	v := int64(d)
	if v < 0 {
		b = append(b, '-')
	}
	u := uabs(v)
	b = strconv.AppendUint(b, u/Scale, 10)
	frac := u % Scale
	if frac == 0 {
		return b
	}
	var buf [Places]byte
	for i := Places - 1; i >= 0; i-- {
		buf[i] = byte('0' + frac%10)
		frac /= 10
	}
	n := Places
	for n > 0 && buf[n-1] == '0' {
		n--
	}
	b = append(b, '.')
	return append(b, buf[:n]...)
}

// Fixed is d rounded half away from zero to places digits after the
// point (0 ≤ places ≤ Places), zeros kept: Fixed(2) of 1.005 is "1.01".
func (d Dec) Fixed(places int) string {
	return d.Num().Fixed(places)
}

// Float64 is the double nearest d. |d| < 2^53 ten-thousandths, so the
// division by an exactly representable 10^4 is a single correctly
// rounded operation.
func (d Dec) Float64() float64 { return float64(d) / Scale }

// Num is d as a figure.
func (d Dec) Num() Num { return Num{n: int64(d), d: Scale} }

// Sign is -1, 0 or 1.
func (d Dec) Sign() int {
	switch {
	case d < 0:
		return -1
	case d > 0:
		return 1
	}
	return 0
}

func uabs(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}
