// Package snapshot writes the headless snapshot of the dashboard — the
// computed ui.State — as plain text, Markdown, JSON or CSV, for cron jobs,
// CI, chat bots and notebooks.
//
// Every format is a pure function of the State and the Options: no
// wall-clock time, map iteration order or locale reaches the output, so a
// snapshot of deterministic data (the demo source at a fixed as-of date) is
// byte-for-byte stable across runs and machines. Strings that came from a
// provider or a config file pass through ui.Sanitize before they are
// written, in every format.
//
// The JSON schema is documented field by field in docs/snapshot-json.md.
package snapshot
