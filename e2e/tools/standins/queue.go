package main

import (
	"context"
	"fmt"
	"log"
	"time"

	apierrors "k8s.io/apimachinery/pkg/api/errors"
	"k8s.io/client-go/util/workqueue"
)

// keyQueue is a work queue of namespace/name keys and the function that syncs one: the pod
// runner's, and the router's for Ingress and HTTPRoute status. A key whose sync fails is retried
// with back-off (200 ms growing to 10 s); a sync that panics fails, and never takes the stand-in down.
type keyQueue struct {
	queue workqueue.TypedRateLimitingInterface[string]
	what  string // for the log: "pod", "ingress", "httproute"
	sync  func(ctx context.Context, key string) error
}

func newKeyQueue(what string, sync func(ctx context.Context, key string) error) *keyQueue {
	return &keyQueue{
		queue: workqueue.NewTypedRateLimitingQueueWithConfig(
			workqueue.NewTypedItemExponentialFailureRateLimiter[string](200*time.Millisecond, 10*time.Second),
			workqueue.TypedRateLimitingQueueConfig[string]{Name: what}),
		what: what, sync: sync,
	}
}

// add queues a key.
func (q *keyQueue) add(key string) { q.queue.Add(key) }

// addObject queues an informer object's key (also for tombstones).
func (q *keyQueue) addObject(obj any) {
	if key, ok := keyOf(obj); ok {
		q.queue.Add(key)
	}
}

// run starts the workers; the queue shuts down when ctx ends.
func (q *keyQueue) run(ctx context.Context, workers int) {
	for i := 0; i < workers; i++ {
		go func() {
			for q.processNext(ctx) {
			}
		}()
	}
	go func() { <-ctx.Done(); q.queue.ShutDown() }()
}

func (q *keyQueue) processNext(ctx context.Context) bool {
	key, quit := q.queue.Get()
	if quit {
		return false
	}
	defer q.queue.Done(key)
	if err := q.syncSafely(ctx, key); err != nil {
		if !apierrors.IsConflict(err) { // a conflict only means the cache was behind
			log.Printf("%s %s: %v (retrying)", q.what, key, err)
		}
		q.queue.AddRateLimited(key)
		return true
	}
	q.queue.Forget(key)
	return true
}

func (q *keyQueue) syncSafely(ctx context.Context, key string) (err error) {
	defer func() { // odd objects must never take the whole stand-in down
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return q.sync(ctx, key)
}
