package store

import (
	"context"

	"github.com/redis/go-redis/v9"
)

// Events publishes and waits for order events over Redis pub/sub.
type Events struct {
	rdb *redis.Client
}

// NewEvents returns an Events using rdb.
func NewEvents(rdb *redis.Client) *Events { return &Events{rdb: rdb} }

// Publish announces an event.
func (e *Events) Publish(ctx context.Context, channel, payload string) error {
	return e.rdb.Publish(ctx, channel, payload).Err()
}

// WaitFor waits for one message and never closes its subscription.
func (e *Events) WaitFor(ctx context.Context, channel string) (string, error) {
	sub := e.rdb.Subscribe(ctx, channel) // want-e2e: release
	msg, err := sub.ReceiveMessage(ctx)
	if err != nil {
		return "", err
	}
	return msg.Payload, nil
}

// Follow forwards messages until ctx ends; the subscription is closed by
// defer.
func (e *Events) Follow(ctx context.Context, pattern string, out chan<- string) error {
	sub := e.rdb.PSubscribe(ctx, pattern)
	defer sub.Close()
	ch := sub.Channel()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case msg, ok := <-ch:
			if !ok {
				return nil
			}
			out <- msg.Payload
		}
	}
}
