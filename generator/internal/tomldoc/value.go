package tomldoc

import (
	"fmt"
	"time"

	"github.com/BurntSushi/toml"
)

// TypeName names the TOML type of a value of Doc.Root, for messages:
// "string", "integer", "float", "boolean", "date", "date-time", "time",
// "array" or "table".
func TypeName(v any) string {
	switch v := v.(type) {
	case string:
		return "string"
	case int64:
		return "integer"
	case float64:
		return "float"
	case bool:
		return "boolean"
	case time.Time:
		switch v.Location().String() {
		case localDate.String():
			return "date"
		case localTime.String():
			return "time"
		}
		return "date-time"
	case []any, []map[string]any:
		return "array"
	case map[string]any:
		return "table"
	}
	return fmt.Sprintf("%T", v)
}

// AsDate returns the parts of a TOML local date (2023-09-30). Anything
// else, a date-time included, is not a date: ok is false.
func AsDate(v any) (y int, m time.Month, d int, ok bool) {
	t, isTime := v.(time.Time)
	if !isTime || t.Location().String() != localDate.String() {
		return 0, 0, 0, false
	}
	y, m, d = t.Date()
	return y, m, d, true
}

// localDate and localTime are the zones toml.Decode gives local dates and
// local times (BurntSushi's internal.LocalDate and LocalTime). The fast
// decoder gives dates the very same *time.Location, so that its values
// are reflect.DeepEqual to toml.Decode's.
var localDate, localTime = func() (*time.Location, *time.Location) {
	var m map[string]any
	if _, err := toml.Decode("d = 2000-01-01\nt = 00:00:00", &m); err != nil {
		panic(err) // a constant document: only a broken toml package gets here
	}
	return m["d"].(time.Time).Location(), m["t"].(time.Time).Location()
}()
