// Package redismore covers go-redis subscriptions on every client kind.
package redismore

import (
	"context"
	"fmt"

	"github.com/redis/go-redis/v9"
)

// A cluster client's subscription, never closed.
func firstInvalidation(ctx context.Context, rdb *redis.ClusterClient) (string, error) {
	sub := rdb.PSubscribe(ctx, "invalidate:*") // want `sub \(\*redis.PubSub\) from PSubscribe is never closed`
	msg, err := sub.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	return msg.Payload, nil
}

// Through the UniversalClient interface, closed by defer.
func drain(ctx context.Context, rdb redis.UniversalClient, n int) ([]string, error) {
	sub := rdb.Subscribe(ctx, "events")
	defer sub.Close()
	var out []string
	for len(out) < n {
		msg, err := sub.ReceiveMessage(ctx)
		if err != nil {
			return out, err
		}
		out = append(out, msg.Payload)
	}
	return out, nil
}

// Handed to the caller after a confirmed subscription; closed when the
// confirmation fails (reduced from hibiken/asynq's CancelationPubSub,
// which forgets that Close).
func cancellations(ctx context.Context, rdb *redis.Client) (*redis.PubSub, error) { // want cancellations:"acquires redis.PubSub"
	sub := rdb.Subscribe(ctx, "cancel")
	if _, err := sub.Receive(ctx); err != nil {
		_ = sub.Close()
		return nil, fmt.Errorf("subscribe: %w", err)
	}
	return sub, nil
}

func cancellationsLeak(ctx context.Context, rdb *redis.Client) (*redis.PubSub, error) { // want cancellationsLeak:"acquires redis.PubSub"
	sub := rdb.Subscribe(ctx, "cancel") // want `sub \(\*redis.PubSub\) from Subscribe is not closed on the path through the return at line 51`
	if _, err := sub.Receive(ctx); err != nil {
		return nil, fmt.Errorf("subscribe: %w", err)
	}
	return sub, nil
}

// The caller of an acquirer holds the subscription.
func watchCancellations(ctx context.Context, rdb *redis.Client, cancel func(string)) error {
	sub, err := cancellations(ctx, rdb)
	if err != nil {
		return err
	}
	defer sub.Close()
	for msg := range sub.Channel() {
		cancel(msg.Payload)
	}
	return nil
}

func universalLeak(ctx context.Context, rdb redis.UniversalClient) (string, error) {
	sub := rdb.SSubscribe(ctx, "shard-events") // want `sub \(\*redis.PubSub\) from SSubscribe is never closed`
	msg, err := sub.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	return msg.Payload, nil
}
