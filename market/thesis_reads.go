package market

import "slices"

// ThesisReads lists the symbols the scorecard reads when the benchmark
// bench has data (it alone then sets the scorecard's calendar): the fixed
// claims' symbols, bench, Tesla, the incumbents and the bits and atoms
// members. Thesis on just these series is Thesis on all of them.
func ThesisReads(sp Spec, bench string) []string {
	want := append(ThesisSymbols(), bench, sp.Tesla)
	want = append(want, sp.Incumbents...)
	for _, m := range append(slices.Clone(sp.Bits.Members), sp.Atoms.Members...) {
		want = append(want, m.Symbol)
	}
	return want
}
