package market

import "sync"

// chainScratch is the per-date work of building a chain and attributing
// its return, reused from one basket to the next: only the index and a
// few numbers per member outlive it. Its contents are stale: newChain
// and memberStats write every cell they read.
type chainScratch struct {
	wsum  []float64 // W_t of the chain built last (newChain)
	scale []float64 // I_{t-1}/I_start/W_t (memberStats)
	use   []bool    // whether date t counts in the attribution
}

func newChainScratch(n int) *chainScratch {
	return &chainScratch{wsum: make([]float64, n), scale: make([]float64, n), use: make([]bool, n)}
}

// keptChains is one chain scratch kept between analyses, as kept is the
// scorecard's (a sync.Pool would lose it at every garbage collection); a
// second analysis at the same time gets a scratch of its own.
var keptChains struct {
	sync.Mutex
	s *chainScratch
}

// takeChainScratch returns the kept scratch sized for n dates, or a new
// one when it is in use. Give it back with release.
func takeChainScratch(n int) *chainScratch {
	keptChains.Lock()
	s := keptChains.s
	keptChains.s = nil
	keptChains.Unlock()
	if s == nil || cap(s.use) < n {
		return newChainScratch(n)
	}
	s.wsum, s.scale, s.use = s.wsum[:n], s.scale[:n], s.use[:n]
	return s
}

// release keeps s for the next analysis: no chain holds on to it.
func (s *chainScratch) release() {
	keptChains.Lock()
	keptChains.s = s
	keptChains.Unlock()
}
