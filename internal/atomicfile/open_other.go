//go:build !unix

package atomicfile

// openFlags: no FIFOs to block on here.
const openFlags = 0
