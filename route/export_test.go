package route

// IndexBytes returns the size in bytes of t's lookup index (both families),
// for the benchmarks' memory figures.
func (t Table) IndexBytes() int {
	if t.v == nil {
		return 0
	}
	return t.v.v4.bytes() + t.v.v6.bytes()
}
