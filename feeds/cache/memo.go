package cache

import (
	"os"
	"sync"
	"time"
)

// memo keeps the entries this process decoded, by file, until they are
// read once more: a warm start reads every history file twice (the first
// frame, then the load through Wrap), and the second read costs nothing.
// An entry is handed out once and forgotten, so the bars are not held for
// the rest of the process beside the series made of them (a thousand
// symbols' bars are tens of megabytes). A file is unchanged while its
// size and modification time are; any write, by this process or another,
// changes them. Entries share their bars with what Load returned: callers
// never modify bars in place.
type memo struct {
	mu sync.Mutex
	m  map[string]memoEntry
}

type memoEntry struct {
	mod  time.Time
	size int64
	e    Entry
}

// stamp returns path's modification time and size, or ok false.
func stamp(path string) (mod time.Time, size int64, ok bool) {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() {
		return time.Time{}, 0, false
	}
	return fi.ModTime(), fi.Size(), true
}

// take returns, and forgets, the entry decoded from path when the file
// has not changed since.
func (c *memo) take(path string) (Entry, bool) {
	mod, size, ok := stamp(path)
	if !ok {
		return Entry{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	me, ok := c.m[path]
	delete(c.m, path)
	if !ok || !me.mod.Equal(mod) || me.size != size {
		return Entry{}, false
	}
	return me.e, true
}

// put remembers e as the content of path with the stamp taken before it
// was read: a later change shows as a new stamp.
func (c *memo) put(path string, mod time.Time, size int64, e Entry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]memoEntry{}
	}
	c.m[path] = memoEntry{mod: mod, size: size, e: e}
}
