package config

import (
	"testing"
	"time"
)

// TestNumbersAtTheirLimits: every number a config can hold is finite and in
// a stated range; each edge is either accepted with its value or an error
// in words at the value's position, never a silent zero or "not a string".
func TestNumbersAtTheirLimits(t *testing.T) {
	const (
		memberHint = " (hint: use a number from 0.001 to 1000; weights are relative)"
		legHint    = " (hint: use 0 to switch the leg off, or a number from 0.001 to 1000; weights are relative)"
		// "baskets: {bits: [{symbol: A, weight: " is 37 bytes,
		// "whoosh: {weights: {labor: " 26, "gap: {move_days: " 17.
		member = "c.yaml:1:38: baskets.bits.members.weight: "
		leg    = "c.yaml:1:27: whoosh.weights.labor: "
		move   = "c.yaml:1:18: gap.move_days: "
	)
	memberYAML := func(w string) string { return "baskets: {bits: [{symbol: A, weight: " + w + "}]}\n" }
	legYAML := func(w string) string { return "whoosh: {weights: {labor: " + w + "}}\n" }
	moveYAML := func(v string) string { return "gap: {move_days: " + v + "}\n" }
	tests := []struct {
		name, yaml string
		want       string  // the error; "" when valid
		value      float64 // the value read when valid
		got        func(*Config) float64
	}{
		// Basket member weights: (0.001 … 1000].
		{"member 1.0e+308", memberYAML("1.0e+308"), member + "weight 1.0e+308 is out of range" + memberHint, 0, nil},
		{"member 1e308 (no dot)", memberYAML("1e308"), member + "weight 1e308 is out of range" + memberHint, 0, nil},
		{"member 2e308 beyond float64", memberYAML("2e308"), member + "weight 2e308 is out of range" + memberHint, 0, nil},
		{"member 1e-320 subnormal", memberYAML("1e-320"), member + "weight 1e-320 is out of range" + memberHint, 0, nil},
		{"member 1e-400 underflows to 0", memberYAML("1e-400"), member + "weight 1e-400 is out of range" + memberHint, 0, nil},
		{"member 20 nines", memberYAML("99999999999999999999"), member + "weight 99999999999999999999 is out of range" + memberHint, 0, nil},
		{"member 309 digits cut", memberYAML("1" + zeros(308)), member + "weight 10000000000000000000… is out of range" + memberHint, 0, nil},
		{"member hex beyond 64 bits", memberYAML("0xFFFFFFFFFFFFFFFFFFFF"), member + "weight 0xFFFFFFFFFFFFFFFFFFFF is out of range" + memberHint, 0, nil},
		{"member negative", memberYAML("-2"), member + "weight -2 is out of range" + memberHint, 0, nil},
		{"member zero", memberYAML("0"), member + "weight 0 is out of range" + memberHint, 0, nil},
		{"member just below", memberYAML("0.000999"), member + "weight 0.000999 is out of range" + memberHint, 0, nil},
		{"member just above", memberYAML("1000.001"), member + "weight 1000.001 is out of range" + memberHint, 0, nil},
		{"member NaN", memberYAML(".nan"), member + `must be a finite number, not ".nan"` + memberHint, 0, nil},
		{"member .inf", memberYAML(".inf"), member + `must be a finite number, not ".inf"` + memberHint, 0, nil},
		{"member quoted", memberYAML("'2'"), member + `must be a number, not the string "2"` + memberHint, 0, nil},
		{"member word", memberYAML("heavy"), member + `must be a number, not "heavy"` + memberHint, 0, nil},
		{"member list", memberYAML("[1]"), member + "must be a number, not a list" + memberHint, 0, nil},
		{"member lowest", memberYAML("0.001"), "", 0.001, memberWeight},
		{"member highest", memberYAML("1000"), "", 1000, memberWeight},
		{"member 1e3 (no dot)", memberYAML("1e3"), "", 1000, memberWeight},
		{"member 1e-3 (no dot)", memberYAML("1e-3"), "", 0.001, memberWeight},
		{"member hex", memberYAML("0x10"), "", 16, memberWeight},
		{"member underscores", memberYAML("1_000"), "", 1000, memberWeight},

		// Whoosh Index legs: 0 or [0.001, 1000].
		{"leg 1.0e+308", legYAML("1.0e+308"), leg + "weight 1.0e+308 is out of range" + legHint, 0, nil},
		{"leg 1e-320", legYAML("1e-320"), leg + "weight 1e-320 is out of range" + legHint, 0, nil},
		{"leg 1e-400 is not 0", legYAML("1e-400"), leg + "weight 1e-400 is out of range" + legHint, 0, nil},
		{"leg 20 nines", legYAML("99999999999999999999"), leg + "weight 99999999999999999999 is out of range" + legHint, 0, nil},
		{"leg negative", legYAML("-0.5"), leg + "weight -0.5 is out of range" + legHint, 0, nil},
		{"leg -.inf", legYAML("-.inf"), leg + `must be a finite number, not "-.inf"` + legHint, 0, nil},
		{"leg zero switches off", legYAML("0"), "", 0, legWeight},
		{"leg 0e5 is zero", legYAML("0e5"), "", 0, legWeight},
		{"leg lowest", legYAML("0.001"), "", 0.001, legWeight},
		{"leg highest", legYAML("1000"), "", 1000, legWeight},

		// Whole numbers: in range, or out of range in words.
		{"move_days 20 nines", moveYAML("99999999999999999999"), move + "99999999999999999999 is out of range (hint: use a whole number from 1 to 252)", 0, nil},
		{"move_days 1e308", moveYAML("1e308"), move + "1e308 is out of range (hint: use a whole number from 1 to 252)", 0, nil},
		{"move_days 1.5", moveYAML("1.5"), move + "must be a whole number, not 1.5 (hint: use a whole number from 1 to 252)", 0, nil},
		{"move_days .nan", moveYAML(".nan"), move + `must be a whole number, not ".nan" (hint: use a whole number from 1 to 252)`, 0, nil},
		{"move_days 1e2", moveYAML("1e2"), "", 100, func(c *Config) float64 { return float64(c.Gap.MoveDays) }},
		{"move_days 252", moveYAML("252"), "", 252, func(c *Config) float64 { return float64(c.Gap.MoveDays) }},

		// Refresh: [15s, 24h].
		{"refresh above the maximum", "refresh: 25h\n", "c.yaml:1:10: refresh: 25h is above the maximum of 24h (hint: use 24h or less)", 0, nil},
		{"refresh beyond a Duration", "refresh: 9999999999h\n", `c.yaml:1:10: refresh: invalid duration "9999999999h" (hint: a duration such as 60s, 2m or 1m30s)`, 0, nil},
		{"refresh 90m", "refresh: 25h30m\n", "c.yaml:1:10: refresh: 25h30m is above the maximum of 24h (hint: use 24h or less)", 0, nil},
		{"refresh 24h", "refresh: 24h\n", "", float64(24 * time.Hour), func(c *Config) float64 { return float64(c.Refresh) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("c.yaml", []byte(tt.yaml))
			if tt.want != "" {
				if err == nil || err.Error() != tt.want {
					t.Errorf("error:\n%v\nwant:\n%s", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if got := tt.got(cfg); got != tt.value {
				t.Errorf("value %v, want %v", got, tt.value)
			}
		})
	}
}

func memberWeight(c *Config) float64 { return c.Baskets.Bits.Members[0].Weight }
func legWeight(c *Config) float64    { return c.Whoosh.Weights.Labor }

func zeros(n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = '0'
	}
	return string(b)
}
