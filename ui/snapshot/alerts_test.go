package snapshot

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestAlertsJSON: the alerts field is absent by default, [] with --alerts
// and nothing fired, and matches the documented schema when filled.
func TestAlertsJSON(t *testing.T) {
	if out := string(write(t, fixture(), Options{Format: JSON})); strings.Contains(out, `"alerts"`) {
		t.Error("alerts written without --alerts")
	}
	if out := string(write(t, fixture(), Options{Format: JSON, Alerts: &[]Alert{}})); !strings.Contains(out, `"alerts": []`) {
		t.Error("no empty alerts with --alerts")
	}
	fired := []Alert{{Rule: "r", Metric: "whoosh", Unit: "index points, 0-100", Op: ">", Threshold: 60.0, Value: 61.5,
		Time: "2025-06-30T20:00:00Z", Message: "r: whoosh 61.50 > 60", Deliveries: []Delivery{{Channel: "screen", OK: true, Detail: "shown"}}}}
	var doc any
	if err := json.Unmarshal(write(t, fixture(), Options{Format: JSON, Alerts: &fired}), &doc); err != nil {
		t.Fatal(err)
	}
	schema := docSchema(t)
	v := validator{root: schema}
	v.check(schema, doc, "$")
	for _, e := range v.errs {
		t.Error(e)
	}
	doc.(map[string]any)["alerts"].([]any)[0].(map[string]any)["op"] = "=~"
	v = validator{root: schema}
	if v.check(schema, doc, "$"); len(v.errs) == 0 {
		t.Error("schema accepted an unknown operator")
	}
}
