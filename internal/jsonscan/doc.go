// Package jsonscan reads, without reflection, the compact JSON that
// encoding/json writes for a record of known shape: the fast path of the
// UnmarshalBinary methods that reading back a Cloud runs once per resource.
//
// It accepts only the one spelling encoding/json's Marshal writes for a
// struct: keys in field order with their exact names, no white space,
// strings of printable ASCII without escapes, integers without sign or
// leading zero. Anything else is a mismatch, after which the caller decodes
// the same bytes with encoding/json, which reads every spelling and says
// what is wrong. A Reader therefore never refuses anything itself: for any
// input it accepts, it yields exactly what encoding/json yields, so the
// fast path changes no result and no error. The callers' fuzz targets
// check that agreement on arbitrary input.
package jsonscan
