package dataset

import (
	"fmt"
	"time"
)

// Date is a calendar date without time zone, counted in days since
// 0000-12-31 (Rata Die: 0001-01-01 is day 1). The zero Date means "absent",
// which lets optional dates in the model stay plain values.
type Date int32

// rdEpoch is time.Date(1, 1, 1, ...) expressed in Unix days minus one.
var rdEpoch = time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).Unix()/86400 - 1

// NewDate returns the Date for y-m-d; out-of-range parts normalise as in time.Date.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()/86400 - rdEpoch)
}

// ParseDate parses YYYY-MM-DD.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date (expected YYYY-MM-DD)", s)
	}
	return FromTime(t), nil
}

// FromTime returns the calendar date of t in t's own location.
func FromTime(t time.Time) Date {
	return NewDate(t.Year(), t.Month(), t.Day())
}

// IsZero reports whether d is absent.
func (d Date) IsZero() bool { return d == 0 }

// Time returns d at midnight UTC.
func (d Date) Time() time.Time {
	return time.Unix((int64(d)+rdEpoch)*86400, 0).UTC()
}

// Year, Month and Day return the parts of d.
func (d Date) Year() int          { return d.Time().Year() }
func (d Date) Month() time.Month  { return d.Time().Month() }
func (d Date) Day() int           { return d.Time().Day() }
func (d Date) AddDays(n int) Date { return d + Date(n) }

// DayOfYear is t(d) in metrics.md: Jan 1 is 1.
func (d Date) DayOfYear() int { return d.Time().YearDay() }

// String formats d as YYYY-MM-DD, or "" when absent.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return d.Time().Format("2006-01-02")
}

// MarshalText makes Dates JSON-friendly as "YYYY-MM-DD".
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// DaysInYear returns 365 or 366.
func DaysInYear(y int) int { return NewDate(y, 12, 31).DayOfYear() }
