// Command certkeeper-standins is a TEST STAND-IN, not part of the operator. It gives the plain
// control plane of certkeeper's local environment (e2e/local: etcd, kube-apiserver,
// kube-controller-manager, no scheduler, no kubelet, no ingress controller) the two parts of a
// real cluster that ACME HTTP-01 needs, so that Pebble's validation requests travel through the
// Pods, Services and Ingresses the operator itself creates:
//
//   - a pod runner (instead of scheduler + kubelet): Pods labelled
//     acme.cert-manager.io/http01-solver=true are bound to the Node "certkeeper-local", get their
//     own address 198.18.0.N (added to the loopback interface; the API server refuses 127/8 in
//     EndpointSlices) and run their first container as a local process
//     `java <JVM opts> -jar <certkeeper jar> <container args...> --listen-address=198.18.0.N`
//     (the image and command are ignored); phase, conditions and container statuses are
//     reported like a kubelet would, readiness being "the declared port accepts TCP connections";
//   - an HTTP router on 127.0.0.1:80 (instead of an ingress controller): it routes by Host and
//     path according to the Ingresses whose IngressClass names the controller
//     certkeeper.dev/local-router, to a ready endpoint of the backend Service's EndpointSlices,
//     and publishes status.loadBalancer.ingress [{ip: 127.0.0.1}] on the Ingresses it serves;
//     where the cluster serves the Gateway API, it also routes the HTTPRoutes attached to
//     Gateways whose GatewayClass names the same controller, and reports Accepted in their
//     status.parents (gateway.go).
//
// It implements only what the local tests need; see e2e/README.md for what it does not do.
package main

import (
	"context"
	"errors"
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/client-go/dynamic"
	"k8s.io/client-go/dynamic/dynamicinformer"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	"k8s.io/client-go/tools/cache"
	"k8s.io/client-go/tools/clientcmd"
)

func main() {
	log.SetFlags(log.LstdFlags | log.Lmicroseconds)
	var (
		kubeconfig   = flag.String("kubeconfig", os.Getenv("KUBECONFIG"), "kubeconfig of the local control plane")
		stateDir     = flag.String("state-dir", defaultStateDir(), "the environment's state directory (.local): solver logs go to <state-dir>/logs/pods")
		jar          = flag.String("jar", os.Getenv("CERTKEEPER_JAR"), "the certkeeper jar solver pods run (default $CERTKEEPER_JAR, else <state-dir>/operator/certkeeper.jar)")
		java         = flag.String("java", "java", "the java launcher for solver pods")
		execOverride = flag.String("exec", "", "FOR TESTING THE POD RUNNER ONLY: run this program instead of `java ... -jar JAR`; it gets the container args and --listen-address=IP")
		nodeName     = flag.String("node-name", "certkeeper-local", "the Node solver pods are bound to (created if absent)")
		routerAddr   = flag.String("router-address", "127.0.0.1:80", "where the HTTP router listens; its IP is what Ingress status reports")
		controller   = flag.String("ingress-controller", "certkeeper.dev/local-router", "IngressClass spec.controller value the router serves")
		gwController = flag.String("gateway-controller", "certkeeper.dev/local-router", "GatewayClass spec.controllerName value the router serves")
		workers      = flag.Int("workers", 4, "concurrent pod and ingress syncs")
	)
	flag.Parse()
	if *jar == "" {
		*jar = filepath.Join(*stateDir, "operator", "certkeeper.jar")
	}
	routerIP, _, err := net.SplitHostPort(*routerAddr)
	if err != nil || net.ParseIP(routerIP) == nil {
		log.Fatalf("--router-address %q: want IP:PORT", *routerAddr)
	}

	cfg, err := clientcmd.BuildConfigFromFlags("", *kubeconfig)
	if err != nil {
		log.Fatalf("kubeconfig: %v", err)
	}
	cfg.UserAgent = "certkeeper-standins"
	cfg.QPS, cfg.Burst = 50, 100
	client, err := kubernetes.NewForConfig(cfg)
	if err != nil {
		log.Fatalf("client: %v", err)
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()

	// Bind first: a taken port 80 should fail the start, not a validation minutes later.
	ln, err := net.Listen("tcp", *routerAddr)
	if err != nil {
		log.Fatalf("router: %v (port 80 needs root or CAP_NET_BIND_SERVICE)", err)
	}

	all := informers.NewSharedInformerFactory(client, 0)
	solverPods := informers.NewSharedInformerFactoryWithOptions(client, 0,
		informers.WithTweakListOptions(func(o *metav1.ListOptions) { o.LabelSelector = solverLabel + "=true" }))

	rt := newRouter(client, all, *controller, routerIP)
	var dynamicInformers dynamicinformer.DynamicSharedInformerFactory
	if servesHTTPRoutes(client.Discovery()) {
		dyn, err := dynamic.NewForConfig(cfg)
		if err != nil {
			log.Fatalf("dynamic client: %v", err)
		}
		dynamicInformers = dynamicinformer.NewDynamicSharedInformerFactory(dyn, 0)
		rt.gateways = newGateways(dyn, dynamicInformers, *gwController)
	} else {
		log.Printf("router: the cluster serves no HTTPRoutes (Gateway API CRDs not installed): routing Ingresses only")
	}
	rn := newRunner(client, solverPods, runnerConfig{
		nodeName: *nodeName, stateDir: *stateDir, logDir: filepath.Join(*stateDir, "logs", "pods"),
		jar: *jar, java: *java, exec: *execOverride,
	})
	if *execOverride != "" {
		log.Printf("runner: TEST MODE: solver pods run %s instead of the certkeeper jar", *execOverride)
	}

	all.Start(ctx.Done())
	solverPods.Start(ctx.Done())
	if !cache.WaitForCacheSync(ctx.Done(), rt.synced...) || !cache.WaitForCacheSync(ctx.Done(), rn.synced) {
		log.Fatalf("informer caches did not sync")
	}
	if rt.gateways != nil {
		dynamicInformers.Start(ctx.Done())
		if !cache.WaitForCacheSync(ctx.Done(), rt.gateways.synced...) {
			log.Fatalf("Gateway API informer caches did not sync")
		}
		rt.gateways.queue.run(ctx, *workers)
	}

	if err := rn.start(ctx, *workers); err != nil {
		log.Fatalf("runner: %v", err)
	}
	rt.queue.run(ctx, *workers)
	srv := &http.Server{Handler: rt, ReadHeaderTimeout: 10 * time.Second, ErrorLog: log.New(os.Stderr, "router: http: ", log.LstdFlags)}
	go func() {
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Printf("router: serve: %v", err)
			stop()
		}
	}()
	log.Printf("certkeeper-standins ready: router on http://%s (IngressClass controller %s, GatewayClass controller %s), pod runner on node %s (jar %s)",
		*routerAddr, *controller, *gwController, *nodeName, *jar)

	<-ctx.Done()
	log.Printf("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdownCtx)
	rn.shutdown(10 * time.Second)
	log.Printf("stopped")
}

// defaultStateDir is <checkout>/.local, assuming the binary lives in <checkout>/.tools/bin.
func defaultStateDir() string {
	exe, err := os.Executable()
	if err != nil {
		return ".local"
	}
	return filepath.Join(filepath.Dir(exe), "..", "..", ".local")
}

// keyOf is the namespace/name key of an informer object (also for tombstones).
func keyOf(obj any) (string, bool) {
	key, err := cache.DeletionHandlingMetaNamespaceKeyFunc(obj)
	if err != nil {
		log.Printf("ignoring an object without a key: %v", err)
		return "", false
	}
	return key, true
}

func splitKey(key string) (ns, name string) {
	ns, name, err := cache.SplitMetaNamespaceKey(key)
	if err != nil {
		return "", key
	}
	return ns, name
}
