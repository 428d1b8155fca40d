package market

// laborFunc is wired to LaborChange once macro.go lands.
var laborFunc = func(unrate []Observation) func(Date) (float64, bool) { return nil }
