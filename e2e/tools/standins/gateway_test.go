package main

import (
	"encoding/json"
	"testing"
)

func TestAcceptance(t *testing.T) {
	// gw is Gateway edge/public with one listener "http" allowing routes from the given namespaces.
	gw := func(from string) *gateway {
		g := &gateway{}
		g.Namespace, g.Name = "edge", "public"
		l := `{"name": "http"}`
		if from != "" {
			l = `{"name": "http", "allowedRoutes": {"namespaces": {"from": "` + from + `"}}}`
		}
		var parsed listener
		if err := json.Unmarshal([]byte(l), &parsed); err != nil {
			t.Fatal(err)
		}
		g.Spec.Listeners = []listener{parsed}
		return g
	}
	http, https := "http", "https"
	for _, c := range []struct {
		what     string
		routeNS  string
		gw       *gateway
		section  *string
		accepted bool
		reason   string
	}{
		{"same namespace by default", "edge", gw(""), nil, true, "Accepted"},
		{"another namespace by default", "web", gw(""), nil, false, "NotAllowedByListeners"},
		{"another namespace with Same", "web", gw("Same"), &http, false, "NotAllowedByListeners"},
		{"another namespace with All", "web", gw("All"), &http, true, "Accepted"},
		{"a listener the Gateway lacks", "edge", gw(""), &https, false, "NoMatchingParent"},
	} {
		v := acceptance(c.routeNS, c.gw, c.section)
		if !v.ours || v.accepted != c.accepted || v.reason != c.reason {
			t.Errorf("%s: got %+v, want accepted=%t reason=%s", c.what, v, c.accepted, c.reason)
		}
	}
}
