package main

// The HTTP router: an ingress controller for the IngressClasses naming --ingress-controller, and
// (gateway.go) a Gateway API controller for the GatewayClasses naming --gateway-controller.

import (
	"context"
	"fmt"
	"log"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	discoveryv1 "k8s.io/api/discovery/v1"
	networkingv1 "k8s.io/api/networking/v1"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	discoverylisters "k8s.io/client-go/listers/discovery/v1"
	networkinglisters "k8s.io/client-go/listers/networking/v1"
	"k8s.io/client-go/tools/cache"
)

const (
	classAnnotation        = "kubernetes.io/ingress.class"
	defaultClassAnnotation = "ingressclass.kubernetes.io/is-default-class"
)

type router struct {
	client     kubernetes.Interface
	ingresses  networkinglisters.IngressLister
	classes    networkinglisters.IngressClassLister
	services   corelisters.ServiceLister
	slices     discoverylisters.EndpointSliceLister
	synced     []cache.InformerSynced
	controller string
	statusIP   string
	queue      *keyQueue // Ingress status
	proxy      *httputil.ReverseProxy
	next       atomic.Uint64 // round robin over ready endpoints
	gateways   *gateways     // nil when the cluster serves no HTTPRoutes
}

type targetKey struct{}

func newRouter(client kubernetes.Interface, f informers.SharedInformerFactory, controller, statusIP string) *router {
	ing := f.Networking().V1().Ingresses()
	cls := f.Networking().V1().IngressClasses()
	svc := f.Core().V1().Services()
	eps := f.Discovery().V1().EndpointSlices()
	rt := &router{
		client: client, ingresses: ing.Lister(), classes: cls.Lister(), services: svc.Lister(), slices: eps.Lister(),
		synced:     []cache.InformerSynced{ing.Informer().HasSynced, cls.Informer().HasSynced, svc.Informer().HasSynced, eps.Informer().HasSynced},
		controller: controller, statusIP: statusIP,
	}
	rt.queue = newKeyQueue("router: ingress", rt.syncStatus)
	rt.proxy = &httputil.ReverseProxy{
		Rewrite: func(pr *httputil.ProxyRequest) {
			pr.SetURL(&url.URL{Scheme: "http", Host: pr.In.Context().Value(targetKey{}).(string)})
			pr.Out.Host = pr.In.Host // backends see the Host the client asked for, as behind nginx
			pr.SetXForwarded()
		},
		Transport: &http.Transport{
			DialContext:           (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
			ResponseHeaderTimeout: 30 * time.Second,
			DisableKeepAlives:     true, // pods come and go; never reuse a connection to a dead one
		},
		ErrorHandler: func(w http.ResponseWriter, r *http.Request, err error) {
			http.Error(w, fmt.Sprintf("certkeeper-standins router: backend %s: %v", r.Context().Value(targetKey{}), err), http.StatusBadGateway)
		},
	}
	_, _ = ing.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: rt.queue.addObject, UpdateFunc: func(_, obj any) { rt.queue.addObject(obj) },
	})
	all := func(any) { // a class changed: which Ingresses are ours may have changed
		list, _ := rt.ingresses.List(labels.Everything())
		for _, i := range list {
			rt.queue.addObject(i)
		}
	}
	_, _ = cls.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: all, UpdateFunc: func(_, obj any) { all(obj) }, DeleteFunc: all,
	})
	return rt
}

// ---- Which Ingresses are served ---------------------------------------------------------------

// className: spec.ingressClassName, else the kubernetes.io/ingress.class annotation, else the
// default IngressClass (the newest, if several claim to be).
func (rt *router) className(ing *networkingv1.Ingress) string {
	if ing.Spec.IngressClassName != nil && *ing.Spec.IngressClassName != "" {
		return *ing.Spec.IngressClassName
	}
	if c := ing.Annotations[classAnnotation]; c != "" {
		return c
	}
	classes, _ := rt.classes.List(labels.Everything())
	var def *networkingv1.IngressClass
	for _, c := range classes {
		if c.Annotations[defaultClassAnnotation] == "true" &&
			(def == nil || def.CreationTimestamp.Before(&c.CreationTimestamp)) {
			def = c
		}
	}
	if def == nil {
		return ""
	}
	return def.Name
}

func (rt *router) serves(ing *networkingv1.Ingress) bool {
	name := rt.className(ing)
	if name == "" {
		return false
	}
	c, err := rt.classes.Get(name)
	return err == nil && c.Spec.Controller == rt.controller
}

// ---- Ingress status ------------------------------------------------------------------------------

// syncStatus sets status.loadBalancer.ingress to [{ip: <router IP>}] on a served Ingress and
// clears that address from one no longer served.
func (rt *router) syncStatus(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	ing, err := rt.ingresses.Ingresses(ns).Get(name)
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	cur := ing.Status.LoadBalancer.Ingress
	ours := len(cur) == 1 && cur[0].IP == rt.statusIP && cur[0].Hostname == "" && len(cur[0].Ports) == 0
	var want []networkingv1.IngressLoadBalancerIngress
	switch served := rt.serves(ing); {
	case served && !ours:
		want = []networkingv1.IngressLoadBalancerIngress{{IP: rt.statusIP}}
	case !served && ours:
		want = nil
	default:
		return nil
	}
	i := ing.DeepCopy()
	i.Status.LoadBalancer.Ingress = want
	if _, err := rt.client.NetworkingV1().Ingresses(ns).UpdateStatus(ctx, i, metav1.UpdateOptions{}); err != nil {
		if apierrors.IsNotFound(err) {
			return nil
		}
		return err
	}
	if want != nil {
		log.Printf("router: ingress %s (class %q): serving it; status address %s", key, rt.className(ing), rt.statusIP)
	} else {
		log.Printf("router: ingress %s (class %q): no longer served; cleared its status address", key, rt.className(ing))
	}
	return nil
}

// ---- Routing --------------------------------------------------------------------------------------

// route is one Ingress path (or default backend) matching a request, with how well it matches.
type route struct {
	ing      *networkingv1.Ingress
	backend  *networkingv1.IngressBackend
	what     string // for the log: host+path of the rule, or "default backend"
	fallback bool   // spec.defaultBackend: only if no rule matches
	hostRank int    // 2 exact host, 1 wildcard, 0 rule without host
	pathLen  int
	exact    bool
}

func (a *route) better(b *route) bool {
	switch {
	case a.fallback != b.fallback:
		return !a.fallback
	case a.hostRank != b.hostRank:
		return a.hostRank > b.hostRank
	case a.pathLen != b.pathLen:
		return a.pathLen > b.pathLen
	case a.exact != b.exact:
		return a.exact
	case !a.ing.CreationTimestamp.Equal(&b.ing.CreationTimestamp):
		return a.ing.CreationTimestamp.Before(&b.ing.CreationTimestamp)
	}
	return a.ing.Namespace+"/"+a.ing.Name < b.ing.Namespace+"/"+b.ing.Name
}

// match finds the best route for host (lower case, no port) and path among served Ingresses.
func (rt *router) match(host, path string) *route {
	ings, _ := rt.ingresses.List(labels.Everything())
	var best *route
	consider := func(c *route) {
		if best == nil || c.better(best) {
			best = c
		}
	}
	for _, ing := range ings {
		if !rt.serves(ing) {
			continue
		}
		for _, rule := range ing.Spec.Rules {
			hr := hostRank(rule.Host, host)
			if hr < 0 || rule.HTTP == nil {
				continue
			}
			for i := range rule.HTTP.Paths {
				p := &rule.HTTP.Paths[i]
				if n, exact, ok := pathMatch(p, path); ok {
					consider(&route{ing: ing, backend: &p.Backend, what: rule.Host + p.Path, hostRank: hr, pathLen: n, exact: exact})
				}
			}
		}
		if ing.Spec.DefaultBackend != nil {
			consider(&route{ing: ing, backend: ing.Spec.DefaultBackend, what: "default backend", fallback: true})
		}
	}
	return best
}

// hostRank: 2 for an exact match, 1 for a wildcard ("*.example.com" matches exactly one more
// label), 0 for a rule without host, -1 for no match.
func hostRank(ruleHost, host string) int {
	ruleHost = strings.ToLower(ruleHost)
	switch {
	case ruleHost == "":
		return 0
	case ruleHost == host:
		return 2
	case strings.HasPrefix(ruleHost, "*."):
		label, rest, ok := strings.Cut(host, ".")
		if ok && label != "" && "*."+rest == ruleHost {
			return 1
		}
	}
	return -1
}

// pathMatch: Exact compares the whole path; Prefix (and ImplementationSpecific, treated the
// same) matches element-wise, ignoring a trailing slash. Returns the matched length.
func pathMatch(p *networkingv1.HTTPIngressPath, path string) (n int, exact, ok bool) {
	if p.PathType != nil && *p.PathType == networkingv1.PathTypeExact {
		if p.Path != path {
			return 0, false, false
		}
		return len(p.Path), true, true
	}
	prefix := strings.TrimRight(p.Path, "/")
	if prefix == "" {
		return 0, false, true // "/" (or empty) matches everything
	}
	if path == prefix || strings.HasPrefix(path, prefix+"/") {
		return len(prefix), false, true
	}
	return 0, false, false
}

// ---- Backends ---------------------------------------------------------------------------------------

// endpoint resolves a backend to one ready endpoint address (round robin), or says why not.
func (rt *router) endpoint(ns string, b *networkingv1.IngressBackend) (string, error) {
	if b.Service == nil {
		return "", fmt.Errorf("backend is not a Service (resource backends are not supported here)")
	}
	svc, err := rt.services.Services(ns).Get(b.Service.Name)
	if err != nil {
		return "", fmt.Errorf("service %s/%s: %v", ns, b.Service.Name, err)
	}
	portName, found := "", false
	for _, sp := range svc.Spec.Ports {
		if (b.Service.Port.Name != "" && sp.Name == b.Service.Port.Name) ||
			(b.Service.Port.Name == "" && sp.Port == b.Service.Port.Number) {
			portName, found = sp.Name, true
			break
		}
	}
	port := b.Service.Port.Name
	if port == "" {
		port = strconv.Itoa(int(b.Service.Port.Number))
	}
	if !found {
		return "", fmt.Errorf("service %s/%s has no port %s", ns, svc.Name, port)
	}
	slices, _ := rt.slices.EndpointSlices(ns).List(labels.SelectorFromSet(labels.Set{discoveryv1.LabelServiceName: svc.Name}))
	sort.Slice(slices, func(i, j int) bool { return slices[i].Name < slices[j].Name })
	var addrs []string
	for _, s := range slices {
		if s.AddressType != discoveryv1.AddressTypeIPv4 && s.AddressType != discoveryv1.AddressTypeIPv6 {
			continue
		}
		target := int32(0)
		for _, p := range s.Ports {
			if p.Port != nil && (p.Name == nil && portName == "" || p.Name != nil && *p.Name == portName) &&
				(p.Protocol == nil || *p.Protocol == "TCP") {
				target = *p.Port
			}
		}
		if target == 0 {
			continue
		}
		for _, e := range s.Endpoints {
			if (e.Conditions.Ready == nil || *e.Conditions.Ready) && len(e.Addresses) > 0 {
				addrs = append(addrs, net.JoinHostPort(e.Addresses[0], strconv.Itoa(int(target))))
			}
		}
	}
	if len(addrs) == 0 {
		return "", fmt.Errorf("service %s/%s port %s has no ready endpoints", ns, svc.Name, port)
	}
	return addrs[rt.next.Add(1)%uint64(len(addrs))], nil
}

// ---- HTTP ------------------------------------------------------------------------------------------

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.code == 0 {
		s.code = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController (used by the proxy to flush) reach the real writer.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.code == 0 {
		s.code = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

func (rt *router) gatewayMatch(host, path string) *gatewayRoute {
	if rt.gateways == nil {
		return nil
	}
	return rt.gateways.match(host, path)
}

func (rt *router) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := &statusRecorder{ResponseWriter: w}
	host := strings.ToLower(r.Host)
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	var via string
	defer func() {
		if p := recover(); p != nil {
			log.Printf("router: %s %s%s: panic: %v", r.Method, host, r.URL.Path, p)
			if rec.code == 0 {
				http.Error(rec, "certkeeper-standins router: internal error", http.StatusInternalServerError)
			}
		}
		log.Printf("router: %s %s%s -> %s: %d", r.Method, host, r.URL.Path, via, rec.code)
	}()
	// An accepted HTTPRoute rule wins over any Ingress: in a real cluster they are different
	// listeners, and the tests never give both the same host.
	var ns string
	var backend *networkingv1.IngressBackend
	if gr := rt.gatewayMatch(host, r.URL.Path); gr != nil {
		ns, backend, via = gr.route.Namespace, gr.backend, fmt.Sprintf("httproute %s (%s)", routeName(gr.route), gr.what)
	} else if rte := rt.match(host, r.URL.Path); rte != nil {
		ns, backend, via = rte.ing.Namespace, rte.backend, fmt.Sprintf("ingress %s/%s (%s)", rte.ing.Namespace, rte.ing.Name, rte.what)
	} else {
		via = "no match"
		http.Error(rec, fmt.Sprintf("certkeeper-standins router: no Ingress (of a class with controller %s) nor accepted HTTPRoute matches host %q path %q",
			rt.controller, host, r.URL.Path), http.StatusNotFound)
		return
	}
	addr, err := rt.endpoint(ns, backend)
	if err != nil {
		http.Error(rec, fmt.Sprintf("certkeeper-standins router: %s: %v", via, err), http.StatusServiceUnavailable)
		via += ": " + err.Error()
		return
	}
	via += " " + addr
	rt.proxy.ServeHTTP(rec, r.WithContext(context.WithValue(r.Context(), targetKey{}, addr)))
}
