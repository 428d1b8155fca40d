package main

import (
	"testing"
	"time"
)

func TestSnapshotTimeout(t *testing.T) {
	for _, tc := range []struct {
		symbols int
		want    time.Duration
	}{
		{23, 90 * time.Second},  // 30 + 11.5 s < 90 s
		{120, 90 * time.Second}, // 30 + 60 = 90 s exactly
		{323, 191500 * time.Millisecond},
		{1023, 541500 * time.Millisecond}, // 30 + 511.5 s: twice the 256 s 4 requests/s need
	} {
		if got := snapshotTimeout(tc.symbols); got != tc.want {
			t.Errorf("snapshotTimeout(%d) = %v, want %v", tc.symbols, got, tc.want)
		}
	}
}

func TestUnknownCommand(t *testing.T) {
	for _, tc := range []struct {
		arg  string
		args []string
		want string
	}{
		{"snapshot", []string{"--window", "1m", "snapshot"}, "flags go after the command: whoosh snapshot --window 1m"},
		{"bogus", []string{"bogus"}, `unknown command "bogus" (commands: snapshot, serve, config, alerts, version, help; see 'whoosh -h')`},
	} {
		if got := unknownCommand(tc.arg, tc.args).Error(); got != tc.want {
			t.Errorf("unknownCommand(%q) = %q, want %q", tc.arg, got, tc.want)
		}
	}
}
