package redis

import (
	"context"
	"time"
)

// PubSub is a subscription holding its own connection. Close it when done.
type PubSub struct {
	opt      *Options
	channels map[string]struct{}
	closed   bool
}

func (c *PubSub) String() string { return "PubSub" }
func (c *PubSub) Close() error   { c.closed = true; return nil }

func (c *PubSub) Subscribe(ctx context.Context, channels ...string) error    { return nil }
func (c *PubSub) PSubscribe(ctx context.Context, patterns ...string) error   { return nil }
func (c *PubSub) SSubscribe(ctx context.Context, channels ...string) error   { return nil }
func (c *PubSub) Unsubscribe(ctx context.Context, channels ...string) error  { return nil }
func (c *PubSub) PUnsubscribe(ctx context.Context, patterns ...string) error { return nil }
func (c *PubSub) Ping(ctx context.Context, payload ...string) error          { return nil }
func (c *PubSub) Receive(ctx context.Context) (interface{}, error)           { return nil, nil }
func (c *PubSub) ReceiveMessage(ctx context.Context) (*Message, error)       { return nil, nil }
func (c *PubSub) Channel(opts ...ChannelOption) <-chan *Message              { return nil }
func (c *PubSub) ChannelWithSubscriptions(opts ...ChannelOption) <-chan interface{} {
	return nil
}

// Subscription is a subscribe/unsubscribe confirmation.
type Subscription struct {
	Kind    string
	Channel string
	Count   int
}

// Message is a published message.
type Message struct {
	Channel      string
	Pattern      string
	Payload      string
	PayloadSlice []string
}

func (m *Message) String() string { return "Message<" + m.Channel + ": " + m.Payload + ">" }

// Pong is a reply to PubSub.Ping.
type Pong struct {
	Payload string
}

type channel struct {
	chanSize int
	interval time.Duration
}

// ChannelOption configures PubSub.Channel.
type ChannelOption func(c *channel)

func WithChannelSize(size int) ChannelOption { return func(c *channel) { c.chanSize = size } }

func WithChannelHealthCheckInterval(d time.Duration) ChannelOption {
	return func(c *channel) { c.interval = d }
}
