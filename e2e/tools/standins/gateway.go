package main

// The router as a Gateway API controller: for the GatewayClasses whose controllerName is
// --gateway-controller, it accepts the HTTPRoutes attached to their Gateways (reporting
// Accepted and ResolvedRefs in the route's status.parents, as a real controller does) and routes
// requests by their hostnames and path matches. Read through a dynamic client, so the module
// needs no Gateway API dependency; started only when the cluster serves HTTPRoutes.

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"sort"
	"strings"
	"time"

	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/client-go/discovery"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/tools/cache"
)

const gatewayGroup = "gateway.networking.k8s.io"

var (
	gatewayClassesGVR = schema.GroupVersionResource{Group: gatewayGroup, Version: "v1", Resource: "gatewayclasses"}
	gatewaysGVR       = schema.GroupVersionResource{Group: gatewayGroup, Version: "v1", Resource: "gateways"}
	httpRoutesGVR     = schema.GroupVersionResource{Group: gatewayGroup, Version: "v1", Resource: "httproutes"}
)

// The parts of the Gateway API objects the router reads (JSON field names as in the API).
type parentRef struct {
	Group       *string `json:"group,omitempty"`
	Kind        *string `json:"kind,omitempty"`
	Namespace   *string `json:"namespace,omitempty"`
	Name        string  `json:"name"`
	SectionName *string `json:"sectionName,omitempty"`
	Port        *int32  `json:"port,omitempty"`
}

type httpRoute struct {
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		ParentRefs []parentRef `json:"parentRefs"`
		Hostnames  []string    `json:"hostnames"`
		Rules      []struct {
			Matches []struct {
				Path *struct {
					Type  *string `json:"type"`
					Value *string `json:"value"`
				} `json:"path"`
			} `json:"matches"`
			BackendRefs []struct {
				Group     *string `json:"group"`
				Kind      *string `json:"kind"`
				Name      string  `json:"name"`
				Namespace *string `json:"namespace"`
				Port      *int32  `json:"port"`
			} `json:"backendRefs"`
		} `json:"rules"`
	} `json:"spec"`
}

type gateway struct {
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		GatewayClassName string     `json:"gatewayClassName"`
		Listeners        []listener `json:"listeners"`
	} `json:"spec"`
}

type listener struct {
	Name          string `json:"name"`
	AllowedRoutes *struct {
		Namespaces *struct {
			From *string `json:"from"`
		} `json:"namespaces"`
	} `json:"allowedRoutes"`
}

type gatewayClass struct {
	metav1.ObjectMeta `json:"metadata"`
	Spec              struct {
		ControllerName string `json:"controllerName"`
	} `json:"spec"`
}

type gateways struct {
	client     dynamic.Interface
	classes    cache.GenericLister
	gateways   cache.GenericLister
	routes     cache.GenericLister
	synced     []cache.InformerSynced
	controller string
	queue      *keyQueue // HTTPRoute status
}

// servesHTTPRoutes reports whether the API server serves gateway.networking.k8s.io/v1 HTTPRoutes.
func servesHTTPRoutes(d discovery.DiscoveryInterface) bool {
	resources, err := d.ServerResourcesForGroupVersion(gatewayGroup + "/v1")
	if err != nil {
		return false
	}
	for _, r := range resources.APIResources {
		if r.Name == "httproutes" {
			return true
		}
	}
	return false
}

func newGateways(client dynamic.Interface, f dynamicinformer.DynamicSharedInformerFactory, controller string) *gateways {
	cls, gws, rts := f.ForResource(gatewayClassesGVR), f.ForResource(gatewaysGVR), f.ForResource(httpRoutesGVR)
	g := &gateways{
		client: client, classes: cls.Lister(), gateways: gws.Lister(), routes: rts.Lister(), controller: controller,
		synced: []cache.InformerSynced{cls.Informer().HasSynced, gws.Informer().HasSynced, rts.Informer().HasSynced},
	}
	g.queue = newKeyQueue("router: httproute", g.syncStatus)
	_, _ = rts.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: g.queue.addObject, UpdateFunc: func(_, obj any) { g.queue.addObject(obj) }})
	all := func(any) { // a Gateway or class changed: which routes are accepted may have changed
		list, _ := g.routes.List(labels.Everything())
		for _, r := range list {
			g.queue.addObject(r)
		}
	}
	for _, inf := range []cache.SharedIndexInformer{cls.Informer(), gws.Informer()} {
		_, _ = inf.AddEventHandler(cache.ResourceEventHandlerFuncs{AddFunc: all, UpdateFunc: func(_, obj any) { all(obj) }, DeleteFunc: all})
	}
	return g
}

func decode[T any](obj any) (*T, error) {
	u, ok := obj.(*unstructured.Unstructured)
	if !ok {
		return nil, fmt.Errorf("not an unstructured object: %T", obj)
	}
	raw, err := json.Marshal(u.Object)
	if err != nil {
		return nil, err
	}
	var t T
	return &t, json.Unmarshal(raw, &t)
}

// ---- Acceptance -------------------------------------------------------------------------------------

// verdict is what this controller says about one parentRef of a route: nothing (not ours), or
// Accepted with a reason and message.
type verdict struct {
	ours     bool
	accepted bool
	reason   string
	message  string
}

// judge decides one parentRef: ours when it names a Gateway of one of our classes; accepted when
// the listener it names (or any) admits routes from the route's namespace.
func (g *gateways) judge(route *httpRoute, ref parentRef) verdict {
	if (ref.Group != nil && *ref.Group != gatewayGroup) || (ref.Kind != nil && *ref.Kind != "Gateway") {
		return verdict{}
	}
	ns := route.Namespace
	if ref.Namespace != nil && *ref.Namespace != "" {
		ns = *ref.Namespace
	}
	obj, err := g.gateways.ByNamespace(ns).Get(ref.Name)
	if err != nil {
		return verdict{} // no such Gateway: no controller can speak for it
	}
	gw, err := decode[gateway](obj)
	if err != nil {
		return verdict{}
	}
	clsObj, err := g.classes.Get(gw.Spec.GatewayClassName)
	if err != nil {
		return verdict{}
	}
	cls, err := decode[gatewayClass](clsObj)
	if err != nil || cls.Spec.ControllerName != g.controller {
		return verdict{}
	}
	return acceptance(route.Namespace, gw, ref.SectionName)
}

// acceptance: the route is accepted when a listener (the named one, else any) allows routes from
// its namespace: "All", or "Same" (the default) when it is the Gateway's namespace.
func acceptance(routeNamespace string, gw *gateway, sectionName *string) verdict {
	matched := false
	for _, l := range gw.Spec.Listeners {
		if sectionName != nil && *sectionName != l.Name {
			continue
		}
		matched = true
		from := "Same"
		if l.AllowedRoutes != nil && l.AllowedRoutes.Namespaces != nil && l.AllowedRoutes.Namespaces.From != nil {
			from = *l.AllowedRoutes.Namespaces.From
		}
		if from == "All" || (from == "Same" && routeNamespace == gw.Namespace) {
			return verdict{ours: true, accepted: true, reason: "Accepted", message: "Route is accepted"}
		}
	}
	if !matched {
		return verdict{ours: true, reason: "NoMatchingParent", message: fmt.Sprintf("Gateway %s/%s has no listener %q", gw.Namespace, gw.Name, deref(sectionName))}
	}
	return verdict{ours: true, reason: "NotAllowedByListeners", message: fmt.Sprintf("no listener of Gateway %s/%s allows routes from namespace %s", gw.Namespace, gw.Name, routeNamespace)}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ---- Route status ------------------------------------------------------------------------------------

// syncStatus writes this controller's entries of status.parents (one per parentRef that names a
// Gateway of ours) and keeps the entries of other controllers.
func (g *gateways) syncStatus(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	obj, err := g.routes.ByNamespace(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	route, err := decode[httpRoute](obj)
	if err != nil {
		return err
	}
	u := obj.(*unstructured.Unstructured).DeepCopy()
	var parents []any
	if existing, found, _ := unstructured.NestedSlice(u.Object, "status", "parents"); found {
		for _, p := range existing {
			if m, ok := p.(map[string]any); ok && m["controllerName"] != g.controller {
				parents = append(parents, p)
			}
		}
	}
	now := metav1.Now().UTC().Format(time.RFC3339)
	ours := 0
	for _, ref := range route.Spec.ParentRefs {
		v := g.judge(route, ref)
		if !v.ours {
			continue
		}
		ours++
		accepted := "False"
		if v.accepted {
			accepted = "True"
		}
		refMap := map[string]any{"name": ref.Name}
		for k, val := range map[string]*string{"group": ref.Group, "kind": ref.Kind, "namespace": ref.Namespace, "sectionName": ref.SectionName} {
			if val != nil {
				refMap[k] = *val
			}
		}
		if ref.Port != nil {
			refMap["port"] = int64(*ref.Port)
		}
		parents = append(parents, map[string]any{
			"parentRef":      refMap,
			"controllerName": g.controller,
			"conditions": []any{
				condition("Accepted", accepted, v.reason, v.message, route.Generation, now),
				// Backends are resolved per request (a missing Service answers 503 naming it), so
				// the references are reported resolved.
				condition("ResolvedRefs", "True", "ResolvedRefs", "References are resolved", route.Generation, now),
			},
		})
	}
	old, _, _ := unstructured.NestedSlice(u.Object, "status", "parents")
	if len(old) == 0 && len(parents) == 0 || sameIgnoringTimes(old, parents) {
		return nil // nothing of ours to say, or nothing new
	}
	if parents == nil {
		parents = []any{}
	}
	if err := unstructured.SetNestedSlice(u.Object, parents, "status", "parents"); err != nil {
		return err
	}
	if _, err := g.client.Resource(httpRoutesGVR).Namespace(ns).UpdateStatus(ctx, u, metav1.UpdateOptions{}); err != nil && !apierrors.IsNotFound(err) {
		return err
	}
	log.Printf("router: httproute %s: status.parents written (%d of its %d parents are Gateways of ours)", key, ours, len(route.Spec.ParentRefs))
	return nil
}

func condition(typ, status, reason, message string, generation int64, now string) map[string]any {
	return map[string]any{"type": typ, "status": status, "reason": reason, "message": message, "observedGeneration": generation, "lastTransitionTime": now}
}

// sameIgnoringTimes compares two status.parents lists without their lastTransitionTime values, so
// an unchanged verdict is not written again.
func sameIgnoringTimes(a, b []any) bool {
	strip := func(list []any) string {
		raw, _ := json.Marshal(list)
		var copied []map[string]any
		_ = json.Unmarshal(raw, &copied)
		for _, p := range copied {
			if cs, ok := p["conditions"].([]any); ok {
				for _, c := range cs {
					if m, ok := c.(map[string]any); ok {
						delete(m, "lastTransitionTime")
					}
				}
			}
		}
		out, _ := json.Marshal(copied)
		return string(out)
	}
	return strip(a) == strip(b)
}

// ---- Routing ---------------------------------------------------------------------------------------------

// gatewayRoute is one HTTPRoute rule matching a request.
type gatewayRoute struct {
	route    *httpRoute
	backend  *networkingv1.IngressBackend
	what     string
	hostRank int
	pathLen  int
	exact    bool
}

// match finds the best accepted HTTPRoute rule for host and path: exact hostnames before
// wildcards, Exact paths before prefixes, longer prefixes first, then the older route.
func (g *gateways) match(host, path string) *gatewayRoute {
	objs, _ := g.routes.List(labels.Everything())
	var candidates []*gatewayRoute
	for _, obj := range objs {
		route, err := decode[httpRoute](obj)
		if err != nil || !g.accepted(route) {
			continue
		}
		hr := 0
		if len(route.Spec.Hostnames) > 0 {
			hr = -1
			for _, h := range route.Spec.Hostnames {
				if r := hostRank(h, host); r > hr {
					hr = r
				}
			}
		}
		if hr < 0 {
			continue
		}
		for _, rule := range route.Spec.Rules {
			if len(rule.BackendRefs) == 0 || (rule.BackendRefs[0].Kind != nil && *rule.BackendRefs[0].Kind != "Service") || rule.BackendRefs[0].Port == nil {
				continue
			}
			b := rule.BackendRefs[0]
			backend := &networkingv1.IngressBackend{Service: &networkingv1.IngressServiceBackend{Name: b.Name, Port: networkingv1.ServiceBackendPort{Number: *b.Port}}}
			for _, m := range rule.Matches {
				typ, value := "PathPrefix", "/"
				if m.Path != nil && m.Path.Type != nil {
					typ = *m.Path.Type
				}
				if m.Path != nil && m.Path.Value != nil {
					value = *m.Path.Value
				}
				pathType := networkingv1.PathTypePrefix
				if typ == "Exact" {
					pathType = networkingv1.PathTypeExact
				}
				if n, exact, ok := pathMatch(&networkingv1.HTTPIngressPath{PathType: &pathType, Path: value}, path); ok {
					candidates = append(candidates, &gatewayRoute{route: route, backend: backend, what: value, hostRank: hr, pathLen: n, exact: exact})
				}
			}
		}
	}
	if len(candidates) == 0 {
		return nil
	}
	sort.SliceStable(candidates, func(i, j int) bool {
		a, b := candidates[i], candidates[j]
		switch {
		case a.hostRank != b.hostRank:
			return a.hostRank > b.hostRank
		case a.exact != b.exact:
			return a.exact
		case a.pathLen != b.pathLen:
			return a.pathLen > b.pathLen
		}
		return a.route.CreationTimestamp.Before(&b.route.CreationTimestamp)
	})
	return candidates[0]
}

// accepted: at least one parentRef names a Gateway of ours that accepts the route.
func (g *gateways) accepted(route *httpRoute) bool {
	for _, ref := range route.Spec.ParentRefs {
		if v := g.judge(route, ref); v.ours && v.accepted {
			return true
		}
	}
	return false
}

func routeName(r *httpRoute) string { return strings.Join([]string{r.Namespace, r.Name}, "/") }
