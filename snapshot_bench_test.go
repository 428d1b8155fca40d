package main

import (
	"io"
	"path/filepath"
	"testing"
)

// BenchmarkSnapshotDemo is `whoosh snapshot --source demo --asof
// 2025-06-30` in process, default config: flags, config, demo history,
// analytics, text render. The process figure in BENCHMARKS.md adds exec,
// runtime start and page faults; profile this one:
//
//	go test -run x -bench SnapshotDemo -cpuprofile cpu.out .
func BenchmarkSnapshotDemo(b *testing.B) {
	dir := b.TempDir()
	b.Setenv("HOME", dir)
	b.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	b.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	b.Setenv("WHOOSH_CONFIG", "")
	for _, format := range []string{"text", "json"} {
		b.Run(format, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if code := run([]string{"snapshot", "--source", "demo", "--asof", "2025-06-30", "--format", format}, nil, io.Discard, io.Discard); code != exitOK {
					b.Fatalf("exit %d", code)
				}
			}
		})
	}
}
