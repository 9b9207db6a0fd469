package route

import (
	"fmt"
	"reflect"
)

// IndexBytes returns the size in bytes of t's lookup index (both families),
// for the benchmarks' memory figures.
func (t Table) IndexBytes() int {
	if t.v == nil {
		return 0
	}
	return t.v.v4.bytes() + t.v.v6.bytes()
}

// ScanTable reports whether the fast path of UnmarshalBinary reads b, and,
// when it does, an error unless encoding/json reads b as the same record.
func ScanTable(b []byte) (bool, error) {
	got, ok := scanTable(b)
	if !ok {
		return false, nil
	}
	var want tableRecord
	if err := decodeRecord(b, &want); err != nil {
		return true, fmt.Errorf("the fast path reads %q, which encoding/json refuses: %w", b, err)
	}
	if !reflect.DeepEqual(got, want) {
		return true, fmt.Errorf("the fast path reads %q as %+v, encoding/json as %+v", b, got, want)
	}
	return true, nil
}
