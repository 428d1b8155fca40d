//go:build unix

package atomicfile

import "syscall"

// openFlags make opening a FIFO or a terminal return at once and never make
// a terminal the controlling one.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY
