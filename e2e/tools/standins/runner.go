package main

// The pod runner: scheduler + kubelet for HTTP-01 solver pods, one local process per pod.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/api/equality"
	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/client-go/informers"
	"k8s.io/client-go/kubernetes"
	corelisters "k8s.io/client-go/listers/core/v1"
	"k8s.io/client-go/tools/cache"
)

const (
	solverLabel = "acme.cert-manager.io/http01-solver"
	// Environment markers on every process the runner starts: down.sh and a restarted runner
	// find leftovers by them (value of stateEnv: the --state-dir, so checkouts do not mix).
	stateEnv = "CERTKEEPER_STANDINS_STATE"
	podEnv   = "CERTKEEPER_STANDINS_POD"
	hostIP   = "127.0.0.1"
	// Pod IPs: 198.18.0.1 - 198.18.0.254, each added to the loopback interface as a /32 while
	// its pod exists. Not 127.0.1.N: the API server refuses loopback addresses in Endpoints and
	// EndpointSlices. 198.18.0.0/15 is reserved for network tests (RFC 2544), so it clashes with
	// no real network.
	ipPrefix  = "198.18.0."
	maxPodIPs = 254
	podDevice = "lo"
)

// JVM options when the container does not set JAVA_TOOL_OPTIONS: small and quick to start.
var defaultJVMOpts = []string{"-Xmx32m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"}

type runnerConfig struct {
	nodeName, stateDir, logDir, jar, java, exec string
}

type runner struct {
	cfg    runnerConfig
	client kubernetes.Interface
	pods   corelisters.PodLister
	synced cache.InformerSynced
	queue  *keyQueue
	base   context.Context // parent of every process's context; cancelled by shutdown
	cancel context.CancelFunc

	mu      sync.Mutex
	runs    map[string]*podRun // by namespace/name
	ipOwner [maxPodIPs + 1]string
	nextIP  int
	nodeOK  bool
	foreign map[string]bool // pods bound elsewhere, logged once

	jarMu              sync.Mutex
	jarID, jarSnapshot string
}

// podRun is one pod's local "container": its address and the goroutine supervising the process.
type podRun struct {
	key    string
	uid    types.UID
	n      int // pod IP is ipPrefix+n
	cancel context.CancelFunc
	done   chan struct{} // closed when no process runs any more and none will be started

	// guarded by runner.mu
	st           containerState
	wroteStatus  *corev1.PodStatus // the last status written and the resourceVersion it produced
	wroteVersion string
	wroteOver    string      // the resourceVersion that write replaced
	written      *corev1.Pod // the pod as that write returned it
}

func (p *podRun) ip() string { return ipPrefix + strconv.Itoa(p.n) }

type containerState struct {
	name, image string
	port        int32 // the declared port readiness waits for; 0: ready once started
	started     bool  // a process was started at least once (also by a previous runner)
	running     bool
	pid         int
	startedAt   time.Time
	ready       bool
	restarts    int32
	waiting     *corev1.ContainerStateWaiting
	current     *corev1.ContainerStateTerminated // terminated for good (or stopped for deletion)
	last        *corev1.ContainerStateTerminated
	final       bool   // terminated and will not be restarted (restartPolicy)
	notReady    string // why not ready, for the Ready condition
}

func newRunner(client kubernetes.Interface, f informers.SharedInformerFactory, cfg runnerConfig) *runner {
	inf := f.Core().V1().Pods()
	r := &runner{
		cfg: cfg, client: client, pods: inf.Lister(), synced: inf.Informer().HasSynced,
		runs: map[string]*podRun{}, nextIP: 1, foreign: map[string]bool{},
	}
	r.queue = newKeyQueue("runner: pod", r.sync)
	_, _ = inf.Informer().AddEventHandler(cache.ResourceEventHandlerFuncs{
		AddFunc: r.queue.addObject, UpdateFunc: func(_, obj any) { r.queue.addObject(obj) }, DeleteFunc: r.queue.addObject,
	})
	return r
}

// start kills processes a previous runner left behind, makes sure the Node exists, keeps the
// addresses of pods that already have one, and starts the workers (they restart the processes).
func (r *runner) start(ctx context.Context, workers int) error {
	r.base, r.cancel = context.WithCancel(context.Background())
	if err := os.MkdirAll(r.cfg.logDir, 0o755); err != nil {
		return err
	}
	killLeftovers(r.cfg.stateDir)
	if err := r.ensureNode(ctx); err != nil {
		log.Printf("runner: node %s: %v (retried on the first pod)", r.cfg.nodeName, err)
	}
	pods, _ := r.pods.List(labels.Everything())
	r.mu.Lock()
	for _, pod := range pods {
		if pod.Spec.NodeName != r.cfg.nodeName {
			continue
		}
		if n := ipIndex(pod.Status.PodIP); n > 0 && r.ipOwner[n] == "" {
			r.ipOwner[n] = podKey(pod)
			r.nextIP = max(r.nextIP, n%maxPodIPs+1) // hand out fresh addresses first
		}
	}
	var stale []string
	for _, a := range podAddresses() {
		if r.ipOwner[ipIndex(a)] == "" {
			stale = append(stale, a)
		}
	}
	r.mu.Unlock()
	for _, a := range stale {
		delAddress(a) // left by a previous run for a pod that is gone
	}
	r.queue.run(ctx, workers)
	return nil
}

// shutdown stops every process (SIGTERM, SIGKILL after the grace period) and waits for them.
func (r *runner) shutdown(timeout time.Duration) {
	if r.cancel == nil {
		return
	}
	r.cancel()
	r.mu.Lock()
	var dones []chan struct{}
	for _, run := range r.runs {
		dones = append(dones, run.done)
	}
	r.mu.Unlock()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
wait:
	for _, d := range dones {
		select {
		case <-d:
		case <-timer.C:
			log.Printf("runner: some solver processes did not stop within %s", timeout)
			break wait
		}
	}
	for _, a := range podAddresses() {
		delAddress(a) // a restarted runner adds them again for the pods that still exist
	}
}

func (r *runner) sync(ctx context.Context, key string) error {
	ns, name := splitKey(key)
	pod, err := r.pods.Pods(ns).Get(name)
	if apierrors.IsNotFound(err) {
		pod = nil
	} else if err != nil {
		return err
	}

	r.mu.Lock()
	run := r.runs[key]
	r.mu.Unlock()
	if run != nil && (pod == nil || pod.UID != run.uid) {
		// The pod is gone (or replaced by one of the same name): stop the process, then free
		// the address.
		run.cancel()
		select {
		case <-run.done:
		default:
			return nil // the supervisor enqueues the key again when the process is gone
		}
		r.mu.Lock()
		delete(r.runs, key)
		r.ipOwner[run.n] = ""
		r.mu.Unlock()
		delAddress(run.ip())
		log.Printf("runner: pod %s gone; released %s", key, run.ip())
		run = nil
	}
	if pod == nil {
		r.mu.Lock()
		delete(r.foreign, key)
		r.releaseLocked(key) // an address kept at start for a pod deleted without a run
		r.mu.Unlock()
		return nil
	}

	switch pod.Spec.NodeName {
	case "":
		if pod.DeletionTimestamp != nil {
			return nil // the API server deletes unbound pods at once
		}
		return r.bind(ctx, pod)
	case r.cfg.nodeName:
	default:
		r.mu.Lock()
		if !r.foreign[key] {
			r.foreign[key] = true
			log.Printf("runner: pod %s is bound to node %q, not %q; ignoring it", key, pod.Spec.NodeName, r.cfg.nodeName)
		}
		r.mu.Unlock()
		return nil
	}

	if pod.DeletionTimestamp != nil {
		if run != nil {
			run.cancel()
			select {
			case <-run.done:
			default:
				return nil // enqueued again when the process is gone
			}
		}
		// No kubelet finishes graceful deletion: do it once nothing runs for the pod.
		zero := int64(0)
		uid := pod.UID
		err := r.client.CoreV1().Pods(pod.Namespace).Delete(ctx, pod.Name,
			metav1.DeleteOptions{GracePeriodSeconds: &zero, Preconditions: &metav1.Preconditions{UID: &uid}})
		if err != nil && !apierrors.IsNotFound(err) && !apierrors.IsConflict(err) {
			return err
		}
		if err == nil {
			log.Printf("runner: pod %s: nothing runs for it any more; deleted the pod (grace period 0)", key)
		}
		return nil
	}

	if run == nil {
		if run, err = r.newRun(pod); err != nil {
			return err
		}
	}
	return r.writeStatus(ctx, pod, run)
}

func (r *runner) bind(ctx context.Context, pod *corev1.Pod) error {
	if err := r.ensureNode(ctx); err != nil {
		return fmt.Errorf("node %s: %w", r.cfg.nodeName, err)
	}
	err := r.client.CoreV1().Pods(pod.Namespace).Bind(ctx, &corev1.Binding{
		ObjectMeta: metav1.ObjectMeta{Name: pod.Name, Namespace: pod.Namespace, UID: pod.UID},
		Target:     corev1.ObjectReference{Kind: "Node", Name: r.cfg.nodeName},
	}, metav1.CreateOptions{})
	if apierrors.IsNotFound(err) || apierrors.IsConflict(err) {
		return nil // deleted meanwhile, or already bound (the cache was behind)
	}
	if err != nil {
		r.mu.Lock()
		r.nodeOK = false // re-check the node on the retry
		r.mu.Unlock()
		return fmt.Errorf("binding to node %s: %w", r.cfg.nodeName, err)
	}
	log.Printf("runner: pod %s: bound to node %s", podKey(pod), r.cfg.nodeName)
	return nil
}

// ensureNode creates the Node pods are bound to if it does not exist (with a Ready condition,
// so that it looks like a node to anyone listing them).
func (r *runner) ensureNode(ctx context.Context) error {
	r.mu.Lock()
	ok := r.nodeOK
	r.mu.Unlock()
	if ok {
		return nil
	}
	nodes := r.client.CoreV1().Nodes()
	node, err := nodes.Get(ctx, r.cfg.nodeName, metav1.GetOptions{})
	if apierrors.IsNotFound(err) {
		node, err = nodes.Create(ctx, &corev1.Node{ObjectMeta: metav1.ObjectMeta{
			Name: r.cfg.nodeName,
			Labels: map[string]string{
				"kubernetes.io/hostname": r.cfg.nodeName, "kubernetes.io/os": runtime.GOOS, "kubernetes.io/arch": runtime.GOARCH,
			},
			Annotations: map[string]string{"certkeeper.dev/stand-in": "pods run as local processes by certkeeper-standins (e2e/local)"},
		}}, metav1.CreateOptions{})
		if apierrors.IsAlreadyExists(err) {
			node, err = nodes.Get(ctx, r.cfg.nodeName, metav1.GetOptions{})
		} else if err == nil {
			log.Printf("runner: created node %s", r.cfg.nodeName)
		}
	}
	if err != nil {
		return err
	}
	if len(node.Status.Conditions) == 0 {
		now := metav1.Now()
		node.Status.Conditions = []corev1.NodeCondition{{
			Type: corev1.NodeReady, Status: corev1.ConditionTrue, Reason: "StandInReady",
			Message: "certkeeper-standins runs pods bound here as local processes", LastHeartbeatTime: now, LastTransitionTime: now,
		}}
		node.Status.Addresses = []corev1.NodeAddress{{Type: corev1.NodeInternalIP, Address: hostIP}, {Type: corev1.NodeHostName, Address: r.cfg.nodeName}}
		node.Status.Capacity = corev1.ResourceList{corev1.ResourcePods: *resource.NewQuantity(maxPodIPs, resource.DecimalSI)}
		node.Status.Allocatable = node.Status.Capacity
		if _, err := nodes.UpdateStatus(ctx, node, metav1.UpdateOptions{}); err != nil {
			return err
		}
	}
	r.mu.Lock()
	r.nodeOK = true
	r.mu.Unlock()
	return nil
}

// newRun gives the pod an address (its recorded one if still free, e.g. after a restart of the
// runner) and, unless the pod already finished, starts supervising its process.
func (r *runner) newRun(pod *corev1.Pod) (*podRun, error) {
	key := podKey(pod)
	if len(pod.Spec.Containers) == 0 {
		return nil, fmt.Errorf("the pod has no containers")
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	n := ipIndex(pod.Status.PodIP)
	for i, owner := range r.ipOwner { // kept for an earlier pod of this name: no run exists for it
		if owner == key && i != n {
			r.ipOwner[i] = ""
			delAddress(ipPrefix + strconv.Itoa(i))
		}
	}
	if n == 0 || (r.ipOwner[n] != "" && r.ipOwner[n] != key) {
		n = 0
		for i := 0; i < maxPodIPs; i++ { // round robin: a freed address is reused last
			c := (r.nextIP-1+i)%maxPodIPs + 1
			if r.ipOwner[c] == "" {
				n = c
				break
			}
		}
		if n == 0 {
			return nil, fmt.Errorf("all %d pod addresses %s1-%d are in use", maxPodIPs, ipPrefix, maxPodIPs)
		}
		r.nextIP = n%maxPodIPs + 1
	}
	r.ipOwner[n] = key
	ctx, cancel := context.WithCancel(r.base)
	run := &podRun{key: key, uid: pod.UID, n: n, cancel: cancel, done: make(chan struct{})}
	r.runs[key] = run

	c := pod.Spec.Containers[0]
	run.st = containerState{name: c.Name, image: c.Image}
	for _, p := range c.Ports {
		if p.Protocol == "" || p.Protocol == corev1.ProtocolTCP {
			run.st.port = p.ContainerPort
			break
		}
	}
	if pod.Status.Phase == corev1.PodSucceeded || pod.Status.Phase == corev1.PodFailed {
		// Finished before this runner started: nothing to run, just keep the address.
		run.st.final = true
		close(run.done)
		log.Printf("runner: pod %s already %s; keeping its address %s", key, pod.Status.Phase, run.ip())
		return run, nil
	}
	for _, cs := range pod.Status.ContainerStatuses {
		if cs.Name == c.Name && (cs.State.Running != nil || cs.State.Terminated != nil || cs.RestartCount > 0) {
			// It ran under a previous runner, whose process is gone: this start is a restart.
			run.st.started, run.st.restarts = true, cs.RestartCount
			if cs.State.Running != nil {
				run.st.last = &corev1.ContainerStateTerminated{ExitCode: 137, Reason: "StandInRestarted",
					Message: "certkeeper-standins restarted", StartedAt: cs.State.Running.StartedAt, FinishedAt: now()}
			} else if cs.LastTerminationState.Terminated != nil {
				run.st.last = cs.LastTerminationState.Terminated.DeepCopy()
			}
		}
	}
	go r.supervise(ctx, run, pod.DeepCopy())
	return run, nil
}

// supervise runs the pod's process, restarts it per restartPolicy, and stops it when ctx ends.
func (r *runner) supervise(ctx context.Context, run *podRun, pod *corev1.Pod) {
	defer func() {
		close(run.done)
		r.queue.add(run.key)
	}()
	defer func() {
		if p := recover(); p != nil {
			log.Printf("runner: pod %s: supervisor panic: %v", run.key, p)
		}
	}()
	grace := 5 * time.Second
	backoff := time.Second
	for {
		started := time.Now()
		term := r.runOnce(ctx, run, pod, grace)
		if ctx.Err() != nil {
			r.update(run, func(s *containerState) { s.current, s.waiting = term, nil })
			return
		}
		policy := pod.Spec.RestartPolicy
		if policy == corev1.RestartPolicyNever || (policy == corev1.RestartPolicyOnFailure && term.ExitCode == 0) {
			r.update(run, func(s *containerState) { s.current, s.waiting, s.final = term, nil, true })
			log.Printf("runner: pod %s: container %s exited with code %d; not restarting (restartPolicy %s)", run.key, pod.Spec.Containers[0].Name, term.ExitCode, policy)
			return
		}
		if time.Since(started) > 30*time.Second {
			backoff = time.Second // it ran fine for a while: start over
		}
		r.update(run, func(s *containerState) {
			s.last, s.current = term, nil
			s.waiting = &corev1.ContainerStateWaiting{Reason: "CrashLoopBackOff",
				Message: fmt.Sprintf("back-off %s restarting failed container %s", backoff, s.name)}
		})
		log.Printf("runner: pod %s: container exited with code %d; restarting in %s (restartPolicy %s)", run.key, term.ExitCode, backoff, policy)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return
		}
		backoff = min(backoff*2, 10*time.Second)
	}
}

// runOnce starts the process, probes its port until it exits, and returns how it ended.
func (r *runner) runOnce(ctx context.Context, run *podRun, pod *corev1.Pod, grace time.Duration) *corev1.ContainerStateTerminated {
	c := &pod.Spec.Containers[0]
	startedAt := time.Now()
	cmd, logFile, err := r.command(pod, c, run.ip())
	if err == nil {
		err = addAddress(run.ip())
	}
	if err == nil {
		err = cmd.Start()
	}
	if err != nil {
		if logFile != nil {
			fmt.Fprintf(logFile, "===== %s could not start: %v\n", time.Now().Format(time.RFC3339), err)
			logFile.Close()
		}
		log.Printf("runner: pod %s: could not start its process: %v", run.key, err)
		return &corev1.ContainerStateTerminated{ExitCode: 128, Reason: "StartError", Message: err.Error(),
			StartedAt: metaTime(startedAt), FinishedAt: now()}
	}
	pid := cmd.Process.Pid
	r.update(run, func(s *containerState) {
		if s.started {
			s.restarts++
		}
		s.started, s.running, s.pid, s.startedAt = true, true, pid, startedAt
		s.waiting, s.current = nil, nil
		s.ready = s.port == 0
		s.notReady = fmt.Sprintf("port %d on %s does not accept connections yet", s.port, run.ip())
	})
	log.Printf("runner: pod %s: started pid %d on %s: %s (log %s)", run.key, pid, run.ip(), shellJoin(cmd.Args), logFile.Name())

	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	probeCtx, stopProbe := context.WithCancel(ctx)
	defer stopProbe()
	if port := run.st.port; port != 0 {
		go r.probe(probeCtx, run, net.JoinHostPort(run.ip(), strconv.Itoa(int(port))), exited)
	}
	select {
	case <-exited:
	case <-ctx.Done():
		_ = syscall.Kill(-pid, syscall.SIGTERM) // its own process group (Setpgid)
		select {
		case <-exited:
		case <-time.After(grace):
			log.Printf("runner: pod %s: pid %d still running %s after SIGTERM; sending SIGKILL", run.key, pid, grace)
			_ = syscall.Kill(-pid, syscall.SIGKILL)
			<-exited
		}
		log.Printf("runner: pod %s: stopped pid %d", run.key, pid)
	}
	stopProbe()
	ps := cmd.ProcessState
	fmt.Fprintf(logFile, "===== %s %s\n", time.Now().Format(time.RFC3339), ps)
	logFile.Close()
	code, reason := int32(ps.ExitCode()), "Completed"
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		code = 128 + int32(ws.Signal())
	}
	if code != 0 {
		reason = "Error"
	}
	r.update(run, func(s *containerState) { s.running, s.ready, s.pid = false, false, 0 })
	return &corev1.ContainerStateTerminated{ExitCode: code, Reason: reason, StartedAt: metaTime(startedAt), FinishedAt: now(),
		ContainerID: fmt.Sprintf("standin://%d", pid)}
}

// probe is the readiness check: the declared port accepts a TCP connection on the pod IP.
func (r *runner) probe(ctx context.Context, run *podRun, addr string, exited <-chan struct{}) {
	for {
		conn, err := net.DialTimeout("tcp", addr, time.Second)
		ok := err == nil
		if ok {
			conn.Close()
		}
		select {
		case <-exited: // a refused connection from a process that just died says nothing
			return
		case <-ctx.Done():
			return
		default:
		}
		changed := false
		r.update(run, func(s *containerState) {
			if s.running && s.ready != ok {
				s.ready, changed = ok, true
				if !ok {
					s.notReady = fmt.Sprintf("port %s does not accept connections: %v", addr, err)
				}
			}
		})
		if changed {
			log.Printf("runner: pod %s: ready=%t (%s)", run.key, ok, addr)
		}
		interval := 200 * time.Millisecond
		if ok {
			interval = 2 * time.Second
		}
		select {
		case <-time.After(interval):
		case <-ctx.Done():
			return
		case <-exited:
			return
		}
	}
}

// update changes a run's state under the lock and has the pod's status rewritten.
func (r *runner) update(run *podRun, f func(*containerState)) {
	r.mu.Lock()
	f(&run.st)
	r.mu.Unlock()
	r.queue.add(run.key)
}

// command builds `java <opts> -jar <jar> <args...> --listen-address=IP` for the container, with
// its log file open for appending (the image and the container's command are ignored).
func (r *runner) command(pod *corev1.Pod, c *corev1.Container, ip string) (*exec.Cmd, *os.File, error) {
	logPath := filepath.Join(r.cfg.logDir, pod.Namespace+"_"+pod.Name+".log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, nil, err
	}
	args := append(append([]string{}, c.Args...), "--listen-address="+ip)
	env := []string{}
	for _, e := range os.Environ() {
		if !strings.HasPrefix(e, "KUBECONFIG=") && !strings.HasPrefix(e, "JAVA_TOOL_OPTIONS=") && !strings.HasPrefix(e, "CERTKEEPER_") {
			env = append(env, e)
		}
	}
	toolOpts := false
	for _, e := range c.Env {
		if e.ValueFrom != nil {
			continue // only literal values; nothing here resolves references
		}
		env = append(env, e.Name+"="+e.Value)
		toolOpts = toolOpts || (e.Name == "JAVA_TOOL_OPTIONS" && e.Value != "")
	}
	env = append(env, stateEnv+"="+r.cfg.stateDir, podEnv+"="+podKey(pod))

	var cmd *exec.Cmd
	if r.cfg.exec != "" {
		cmd = exec.Command(r.cfg.exec, args...)
	} else {
		jar, err := r.snapshotJar()
		if err != nil {
			return nil, logFile, err
		}
		jvm := defaultJVMOpts
		if toolOpts {
			jvm = nil // the JVM reads JAVA_TOOL_OPTIONS from the environment itself
		}
		cmd = exec.Command(r.cfg.java, append(append(append([]string{}, jvm...), "-jar", jar), args...)...)
	}
	cmd.Env = env
	cmd.Dir = r.cfg.logDir
	cmd.Stdout, cmd.Stderr = logFile, logFile
	// Own process group (so stopping reaches its children); killed if this runner dies.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true, Pdeathsig: syscall.SIGKILL}
	fmt.Fprintf(logFile, "===== %s starting %s\n", time.Now().Format(time.RFC3339), shellJoin(cmd.Args))
	return cmd, logFile, nil
}

// snapshotJar returns a private copy of the jar: e2e/local/operator.sh overwrites the jar in
// place when it restarts the operator, which would break JVMs still reading it. Older copies are
// unlinked; processes that have them open keep reading them.
func (r *runner) snapshotJar() (string, error) {
	r.jarMu.Lock()
	defer r.jarMu.Unlock()
	for attempt := 0; ; attempt++ {
		fi, err := os.Stat(r.cfg.jar)
		if err != nil {
			return "", fmt.Errorf("the certkeeper jar: %w", err)
		}
		id := fmt.Sprintf("%d-%d", fi.Size(), fi.ModTime().UnixNano())
		if id == r.jarID {
			if _, err := os.Stat(r.jarSnapshot); err == nil {
				return r.jarSnapshot, nil
			}
		}
		dir := filepath.Join(r.cfg.stateDir, "standins", "jars")
		dst := filepath.Join(dir, "certkeeper-"+id+".jar")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		if err := copyFile(r.cfg.jar, dst); err != nil {
			return "", err
		}
		if fi2, err := os.Stat(r.cfg.jar); err == nil && fi2.Size() == fi.Size() && fi2.ModTime().Equal(fi.ModTime()) || attempt >= 5 {
			old, _ := filepath.Glob(filepath.Join(dir, "certkeeper-*.jar"))
			for _, o := range old {
				if o != dst {
					_ = os.Remove(o)
				}
			}
			r.jarID, r.jarSnapshot = id, dst
			log.Printf("runner: solver pods now run a copy of %s (%s)", r.cfg.jar, dst)
			return dst, nil
		}
		time.Sleep(500 * time.Millisecond) // it was being written while we copied
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := dst + ".tmp"
	out, err := os.Create(tmp)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, dst)
}

// writeStatus reports the run's state in the pod's status, as a kubelet would.
func (r *runner) writeStatus(ctx context.Context, pod *corev1.Pod, run *podRun) error {
	r.mu.Lock()
	s := run.st
	wrote, wroteVersion, wroteOver, written := run.wroteStatus, run.wroteVersion, run.wroteOver, run.written
	r.mu.Unlock()
	if s.final && !s.started && pod.Status.Phase != "" && pod.Status.Phase != corev1.PodPending {
		return nil // finished before this runner started; leave its status as it is
	}
	if written != nil && pod.ResourceVersion == wroteOver {
		pod = written // the cache has not seen our last write yet: build on what it returned
	}
	want := desiredStatus(pod, run.ip(), &s)
	if equality.Semantic.DeepEqual(pod.Status, *want) ||
		(wrote != nil && pod.ResourceVersion == wroteVersion && equality.Semantic.DeepEqual(wrote, want)) {
		return nil // up to date (the second case: the server normalised what we wrote)
	}
	p := pod.DeepCopy()
	p.Status = *want
	updated, err := r.client.CoreV1().Pods(pod.Namespace).UpdateStatus(ctx, p, metav1.UpdateOptions{})
	if apierrors.IsNotFound(err) {
		return nil
	}
	if err != nil {
		return err
	}
	r.mu.Lock()
	run.wroteStatus, run.wroteVersion, run.wroteOver, run.written = want, updated.ResourceVersion, pod.ResourceVersion, updated
	r.mu.Unlock()
	if pod.Status.Phase != want.Phase {
		log.Printf("runner: pod %s: phase %s (pod IP %s)", run.key, want.Phase, run.ip())
	}
	return nil
}

func desiredStatus(pod *corev1.Pod, ip string, s *containerState) *corev1.PodStatus {
	st := pod.Status.DeepCopy()
	st.HostIP, st.HostIPs = hostIP, []corev1.HostIP{{IP: hostIP}}
	st.PodIP, st.PodIPs = ip, []corev1.PodIP{{IP: ip}}
	if st.StartTime == nil {
		t := now()
		st.StartTime = &t
	}
	switch {
	case s.final && s.current != nil && s.current.ExitCode == 0:
		st.Phase = corev1.PodSucceeded
	case s.final:
		st.Phase = corev1.PodFailed
	case s.started:
		st.Phase = corev1.PodRunning
	default:
		st.Phase = corev1.PodPending
	}

	ready := s.running && s.ready
	cs := corev1.ContainerStatus{Name: s.name, Image: s.image, ImageID: s.image, Ready: ready, RestartCount: s.restarts}
	started := s.running
	cs.Started = &started
	switch {
	case s.running:
		cs.State.Running = &corev1.ContainerStateRunning{StartedAt: metaTime(s.startedAt)}
		cs.ContainerID = fmt.Sprintf("standin://%d", s.pid)
	case s.current != nil:
		cs.State.Terminated = s.current
		cs.ContainerID = s.current.ContainerID
	case s.waiting != nil:
		cs.State.Waiting = s.waiting
	default:
		cs.State.Waiting = &corev1.ContainerStateWaiting{Reason: "ContainerCreating"}
	}
	if s.last != nil {
		cs.LastTerminationState.Terminated = s.last
	}
	st.ContainerStatuses = []corev1.ContainerStatus{cs}

	reason, msg := "", ""
	switch {
	case ready:
	case st.Phase == corev1.PodSucceeded || st.Phase == corev1.PodFailed:
		reason, msg = "PodCompleted", ""
	case s.running:
		reason, msg = "ContainersNotReady", fmt.Sprintf("containers with unready status: [%s]: %s", s.name, s.notReady)
	case s.waiting != nil:
		reason, msg = "ContainersNotReady", fmt.Sprintf("containers with unready status: [%s]: %s", s.name, s.waiting.Message)
	default:
		reason, msg = "ContainersNotReady", fmt.Sprintf("containers with unready status: [%s]", s.name)
	}
	setCondition(st, corev1.PodScheduled, true, "", "")
	setCondition(st, corev1.PodInitialized, true, "", "")
	setCondition(st, corev1.ContainersReady, ready, reason, msg)
	setCondition(st, corev1.PodReady, ready, reason, msg)
	return st
}

func setCondition(st *corev1.PodStatus, t corev1.PodConditionType, ok bool, reason, msg string) {
	status := corev1.ConditionFalse
	if ok {
		status = corev1.ConditionTrue
	}
	for i := range st.Conditions {
		c := &st.Conditions[i]
		if c.Type == t {
			if c.Status != status {
				c.LastTransitionTime = now()
			}
			c.Status, c.Reason, c.Message = status, reason, msg
			return
		}
	}
	st.Conditions = append(st.Conditions, corev1.PodCondition{Type: t, Status: status, Reason: reason, Message: msg, LastTransitionTime: now()})
}

// killLeftovers SIGKILLs processes a previous runner with this state directory started (it may
// have been SIGKILLed itself); the workers then start them again for the pods that still exist.
func killLeftovers(stateDir string) {
	marker := []byte(stateEnv + "=" + stateDir)
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		env, err := os.ReadFile("/proc/" + e.Name() + "/environ")
		if err != nil {
			continue
		}
		for _, kv := range bytes.Split(env, []byte{0}) {
			if bytes.Equal(kv, marker) {
				pids = append(pids, pid)
				break
			}
		}
	}
	for _, pid := range pids {
		log.Printf("runner: killing pid %d left behind by a previous run", pid)
		_ = syscall.Kill(pid, syscall.SIGKILL)
	}
	deadline := time.Now().Add(5 * time.Second)
	for _, pid := range pids {
		for time.Now().Before(deadline) && syscall.Kill(pid, 0) == nil && !isZombie(pid) {
			time.Sleep(50 * time.Millisecond)
		}
	}
}

func isZombie(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return true
	}
	i := bytes.LastIndexByte(b, ')')
	return i < 0 || i+2 >= len(b) || b[i+2] == 'Z'
}

// ipIndex is N for a pod IP 127.0.1.N (1-254), else 0.
func ipIndex(ip string) int {
	rest, ok := strings.CutPrefix(ip, ipPrefix)
	if !ok {
		return 0
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 1 || n > maxPodIPs {
		return 0
	}
	return n
}

// releaseLocked frees the addresses recorded for key; r.mu must be held.
func (r *runner) releaseLocked(key string) {
	for i, owner := range r.ipOwner {
		if owner == key {
			r.ipOwner[i] = ""
			delAddress(ipPrefix + strconv.Itoa(i))
		}
	}
}

// ip runs iproute2's ip(8) with args.
func ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

// addAddress puts a pod IP on the loopback interface (idempotent).
func addAddress(addr string) error { return ip("addr", "replace", addr+"/32", "dev", podDevice) }

// delAddress takes a pod IP off the loopback interface, if it is there.
func delAddress(addr string) {
	if err := ip("addr", "del", addr+"/32", "dev", podDevice); err == nil {
		log.Printf("runner: removed address %s from %s", addr, podDevice)
	}
}

// podAddresses lists the pod IPs currently on the loopback interface.
func podAddresses() []string {
	out, err := exec.Command("ip", "-o", "-4", "addr", "show", "dev", podDevice).Output()
	if err != nil {
		log.Printf("runner: listing the addresses of %s: %v", podDevice, err)
		return nil
	}
	var addrs []string
	for _, f := range strings.Fields(string(out)) {
		if a, ok := strings.CutSuffix(f, "/32"); ok && ipIndex(a) > 0 {
			addrs = append(addrs, a)
		}
	}
	return addrs
}

func podKey(pod *corev1.Pod) string { return pod.Namespace + "/" + pod.Name }

func now() metav1.Time { return metaTime(time.Now()) }

// metaTime truncates to what the API stores (seconds), so comparisons with stored status hold.
func metaTime(t time.Time) metav1.Time { return metav1.NewTime(t.Truncate(time.Second)) }

func shellJoin(args []string) string {
	q := make([]string, len(args))
	for i, a := range args {
		if a == "" || strings.ContainsAny(a, " \t\n'\"\\$`") {
			a = strconv.Quote(a)
		}
		q[i] = a
	}
	return strings.Join(q, " ")
}
