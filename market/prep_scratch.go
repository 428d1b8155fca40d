package market

import "sync"

// prepScratch is Prepare's per-date work that no result keeps: building
// a chain and attributing its return (reused from one basket to the
// next: only the index and a few numbers per member outlive it), and the
// daily returns the rolling correlations read (Patch redoes the two it
// needs from the levels). Its contents are stale: whoever uses a buffer
// writes every cell it reads.
type prepScratch struct {
	wsum  []float64 // W_t of the chain built last (newChain)
	scale []float64 // I_{t-1}/I_start/W_t (memberStats)
	use   []bool    // whether date t counts in the attribution

	teslaRet, bitsRet, atomsRet []float64
}

func newPrepScratch(n int) *prepScratch {
	return &prepScratch{wsum: make([]float64, n), scale: make([]float64, n), use: make([]bool, n)}
}

// keptPrep is one chain scratch kept between analyses, as kept is the
// scorecard's (a sync.Pool would lose it at every garbage collection); a
// second analysis at the same time gets a scratch of its own.
var keptPrep struct {
	sync.Mutex
	s *prepScratch
}

// takePrepScratch returns the kept scratch sized for n dates, or a new
// one when it is in use. Give it back with release.
func takePrepScratch(n int) *prepScratch {
	keptPrep.Lock()
	s := keptPrep.s
	keptPrep.s = nil
	keptPrep.Unlock()
	if s == nil || cap(s.use) < n {
		return newPrepScratch(n)
	}
	s.wsum, s.scale, s.use = s.wsum[:n], s.scale[:n], s.use[:n]
	return s
}

// release keeps s for the next analysis: no chain holds on to it.
func (s *prepScratch) release() {
	keptPrep.Lock()
	keptPrep.s = s
	keptPrep.Unlock()
}
