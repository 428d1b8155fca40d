package market

// ThesisReads lists the symbols the scorecard reads when the benchmark
// bench has data (it alone then sets the scorecard's calendar): the fixed
// claims' symbols, bench, Tesla, the incumbents and the bits and atoms
// members. Thesis on just these series is Thesis on all of them.
func ThesisReads(sp Spec, bench string) []string {
	want := make([]string, 0, len(thesisSymbols)+3+len(sp.Incumbents)+len(sp.Bits.Members)+len(sp.Atoms.Members))
	want = append(append(want, thesisSymbols...), bench, sp.Tesla)
	want = append(want, sp.Incumbents...)
	for _, m := range sp.Bits.Members {
		want = append(want, m.Symbol)
	}
	for _, m := range sp.Atoms.Members {
		want = append(want, m.Symbol)
	}
	return want
}
