package vpc

import (
	"encoding/json"
	"fmt"
	"reflect"
)

// ScanRecord reports whether the fast path of UnmarshalBinary reads data,
// and, when it does, an error unless encoding/json reads data as the same
// record.
func ScanRecord(data []byte) (bool, error) {
	got, ok := scanRecord(data)
	if !ok {
		return false, nil
	}
	var want record
	if err := json.Unmarshal(data, &want); err != nil {
		return true, fmt.Errorf("the fast path reads %q, which encoding/json refuses: %w", data, err)
	}
	if !reflect.DeepEqual(got, want) {
		return true, fmt.Errorf("the fast path reads %q as %+v, encoding/json as %+v", data, got, want)
	}
	return true, nil
}
