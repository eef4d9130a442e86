package exact

import "math/big"

// Sum adds amounts exactly. It stays on int64 and moves to math/big only
// if a sum would overflow, so that no site, however large or strange,
// publishes a wrapped-around total.
type Sum struct {
	v   int64
	big *big.Int
}

// Add adds d.
func (s *Sum) Add(d Dec) {
	if s.big == nil {
		if v, ok := add64(s.v, int64(d)); ok {
			s.v = v
			return
		}
		s.big = big.NewInt(s.v)
	}
	s.big.Add(s.big, big.NewInt(int64(d)))
}

// AddSum adds another sum.
func (s *Sum) AddSum(o Sum) {
	if o.big == nil {
		s.Add(Dec(o.v))
		return
	}
	if s.big == nil {
		s.big = big.NewInt(s.v)
	}
	s.big.Add(s.big, o.big)
}

// Num is the sum as a figure.
func (s Sum) Num() Num {
	if s.big == nil {
		return Dec(s.v).Num()
	}
	return fromRat(new(big.Rat).SetFrac(new(big.Int).Set(s.big), big.NewInt(Scale)))
}

// Dec is the sum as an amount; ok is false when it left the range of amounts.
func (s Sum) Dec() (Dec, bool) {
	if s.big != nil || s.v <= -MaxAmount*Scale || s.v >= MaxAmount*Scale {
		return 0, false
	}
	return Dec(s.v), true
}

// Sign is the sum's sign.
func (s Sum) Sign() int {
	if s.big != nil {
		return s.big.Sign()
	}
	return sign(s.v)
}
