// Package redis is a hand-written stub in the shape of
// github.com/redis/go-redis/v9@v9.23.0 for connlint's analysistest, not the
// library.
//
// Client and ClusterClient embed the unexported cmdable as the real ones do,
// so Get, Set, Ping, ... resolve to methods of redis.cmdable, while Close,
// Pipeline, Subscribe, PSubscribe and SSubscribe are declared on the client
// types themselves. Cmdable and UniversalClient are reduced to the methods
// listed here (the real ones have hundreds). Bodies are trivial.
package redis

import (
	"context"
	"crypto/tls"
	"net"
	"time"

	"github.com/redis/go-redis/v9/internal/proto"
)

// Nil is returned when a key does not exist.
const Nil = proto.Nil

// Options configures a Client.
type Options struct {
	Network         string
	Addr            string
	ClientName      string
	Dialer          func(ctx context.Context, network, addr string) (net.Conn, error)
	OnConnect       func(ctx context.Context, cn *Conn) error
	Protocol        int
	Username        string
	Password        string
	DB              int
	MaxRetries      int
	DialTimeout     time.Duration
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	PoolFIFO        bool
	PoolSize        int
	PoolTimeout     time.Duration
	MinIdleConns    int
	MaxIdleConns    int
	MaxActiveConns  int
	ConnMaxIdleTime time.Duration
	ConnMaxLifetime time.Duration
	TLSConfig       *tls.Config
}

// ParseURL parses a redis:// URL into Options.
func ParseURL(redisURL string) (*Options, error) { return &Options{}, nil }

// Hook intercepts dials, commands and pipelines.
type Hook interface {
	DialHook(next DialHook) DialHook
	ProcessHook(next ProcessHook) ProcessHook
	ProcessPipelineHook(next ProcessPipelineHook) ProcessPipelineHook
}

type (
	DialHook            func(ctx context.Context, network, addr string) (net.Conn, error)
	ProcessHook         func(ctx context.Context, cmd Cmder) error
	ProcessPipelineHook func(ctx context.Context, cmds []Cmder) error
)

type hooksMixin struct {
	hooks []Hook
}

func (hs *hooksMixin) AddHook(hook Hook) { hs.hooks = append(hs.hooks, hook) }

type baseClient struct {
	opt *Options
	hooksMixin
}

func (c *baseClient) String() string { return "Redis<" + c.opt.Addr + ">" }
func (c *baseClient) Close() error   { return nil }

// PoolStats are connection pool statistics.
type PoolStats struct {
	Hits       uint32
	Misses     uint32
	Timeouts   uint32
	TotalConns uint32
	IdleConns  uint32
	StaleConns uint32
}

// Client is a Redis client owning a connection pool. Close it when done.
type Client struct {
	*baseClient
	cmdable
}

// NewClient returns a client for the server given by opt.
func NewClient(opt *Options) *Client { return nil }

func (c *Client) WithTimeout(timeout time.Duration) *Client                  { return c }
func (c *Client) Close() error                                               { return nil }
func (c *Client) Conn() *Conn                                                { return nil }
func (c *Client) Process(ctx context.Context, cmd Cmder) error               { return nil }
func (c *Client) Options() *Options                                          { return c.opt }
func (c *Client) PoolStats() *PoolStats                                      { return &PoolStats{} }
func (c *Client) Pipeline() Pipeliner                                        { return &Pipeline{} }
func (c *Client) TxPipeline() Pipeliner                                      { return &Pipeline{} }
func (c *Client) Subscribe(ctx context.Context, channels ...string) *PubSub  { return nil }
func (c *Client) PSubscribe(ctx context.Context, channels ...string) *PubSub { return nil }
func (c *Client) SSubscribe(ctx context.Context, channels ...string) *PubSub { return nil }

func (c *Client) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *Client) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *Client) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error { return nil }

// Conn is a single connection taken from a Client's pool. Close it.
type Conn struct {
	baseClient
	cmdable
	statefulCmdable
}

func (c *Conn) Process(ctx context.Context, cmd Cmder) error { return nil }
func (c *Conn) Pipeline() Pipeliner                          { return &Pipeline{} }
func (c *Conn) TxPipeline() Pipeliner                        { return &Pipeline{} }

func (c *Conn) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *Conn) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// Tx is a MULTI/EXEC transaction used by Watch.
type Tx struct {
	baseClient
	cmdable
	statefulCmdable
}

func (c *Tx) Close(ctx context.Context) error { return nil }
func (c *Tx) Pipeline() Pipeliner             { return &Pipeline{} }
func (c *Tx) TxPipeline() Pipeliner           { return &Pipeline{} }

func (c *Tx) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *Tx) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

// ClusterOptions configures a ClusterClient.
type ClusterOptions struct {
	Addrs          []string
	ClientName     string
	Username       string
	Password       string
	MaxRedirects   int
	ReadOnly       bool
	RouteByLatency bool
	RouteRandomly  bool
	PoolSize       int
	MinIdleConns   int
	DialTimeout    time.Duration
	ReadTimeout    time.Duration
	WriteTimeout   time.Duration
	TLSConfig      *tls.Config
}

// ClusterClient is a Redis Cluster client owning one pool per node.
type ClusterClient struct {
	opt *ClusterOptions
	cmdable
	hooksMixin
}

// NewClusterClient returns a Redis Cluster client.
func NewClusterClient(opt *ClusterOptions) *ClusterClient { return nil }

func (c *ClusterClient) DBSize(ctx context.Context) *IntCmd { return &IntCmd{} }

func (c *ClusterClient) Options() *ClusterOptions                                   { return c.opt }
func (c *ClusterClient) Close() error                                               { return nil }
func (c *ClusterClient) Process(ctx context.Context, cmd Cmder) error               { return nil }
func (c *ClusterClient) PoolStats() *PoolStats                                      { return &PoolStats{} }
func (c *ClusterClient) Pipeline() Pipeliner                                        { return &Pipeline{} }
func (c *ClusterClient) TxPipeline() Pipeliner                                      { return &Pipeline{} }
func (c *ClusterClient) Subscribe(ctx context.Context, channels ...string) *PubSub  { return nil }
func (c *ClusterClient) PSubscribe(ctx context.Context, channels ...string) *PubSub { return nil }
func (c *ClusterClient) SSubscribe(ctx context.Context, channels ...string) *PubSub { return nil }

func (c *ClusterClient) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *ClusterClient) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *ClusterClient) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error {
	return nil
}

func (c *ClusterClient) ForEachShard(ctx context.Context, fn func(ctx context.Context, client *Client) error) error {
	return nil
}

func (c *ClusterClient) ForEachMaster(ctx context.Context, fn func(ctx context.Context, client *Client) error) error {
	return nil
}

// FailoverOptions configures a Sentinel-backed client.
type FailoverOptions struct {
	MasterName       string
	SentinelAddrs    []string
	SentinelUsername string
	SentinelPassword string
	Username         string
	Password         string
	DB               int
	PoolSize         int
	MinIdleConns     int
	DialTimeout      time.Duration
	TLSConfig        *tls.Config
}

// NewFailoverClient returns a Sentinel-backed client.
func NewFailoverClient(failoverOpt *FailoverOptions) *Client { return nil }

// NewFailoverClusterClient returns a Sentinel-backed cluster client.
func NewFailoverClusterClient(failoverOpt *FailoverOptions) *ClusterClient { return nil }

// RingOptions configures a Ring.
type RingOptions struct {
	Addrs    map[string]string
	Username string
	Password string
	DB       int
	PoolSize int
}

// Ring shards keys over several servers.
type Ring struct {
	opt *RingOptions
	cmdable
	hooksMixin
}

// NewRing returns a Ring client.
func NewRing(opt *RingOptions) *Ring { return nil }

func (c *Ring) Publish(ctx context.Context, channel string, message interface{}) *IntCmd {
	return &IntCmd{}
}

func (c *Ring) Options() *RingOptions                                      { return c.opt }
func (c *Ring) Close() error                                               { return nil }
func (c *Ring) Process(ctx context.Context, cmd Cmder) error               { return nil }
func (c *Ring) PoolStats() *PoolStats                                      { return &PoolStats{} }
func (c *Ring) Pipeline() Pipeliner                                        { return &Pipeline{} }
func (c *Ring) TxPipeline() Pipeliner                                      { return &Pipeline{} }
func (c *Ring) Subscribe(ctx context.Context, channels ...string) *PubSub  { return nil }
func (c *Ring) PSubscribe(ctx context.Context, channels ...string) *PubSub { return nil }
func (c *Ring) SSubscribe(ctx context.Context, channels ...string) *PubSub { return nil }

func (c *Ring) Pipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *Ring) TxPipelined(ctx context.Context, fn func(Pipeliner) error) ([]Cmder, error) {
	return nil, nil
}

func (c *Ring) Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error { return nil }

// UniversalOptions configures NewUniversalClient.
type UniversalOptions struct {
	Addrs         []string
	ClientName    string
	DB            int
	Username      string
	Password      string
	MasterName    string
	PoolSize      int
	TLSConfig     *tls.Config
	IsClusterMode bool
}

// UniversalClient is implemented by Client, ClusterClient and Ring (reduced:
// the real interface also has the experimental AutoPipeline methods).
type UniversalClient interface {
	Cmdable
	AddHook(Hook)
	Watch(ctx context.Context, fn func(*Tx) error, keys ...string) error
	Do(ctx context.Context, args ...interface{}) *Cmd
	Process(ctx context.Context, cmd Cmder) error
	Subscribe(ctx context.Context, channels ...string) *PubSub
	PSubscribe(ctx context.Context, channels ...string) *PubSub
	SSubscribe(ctx context.Context, channels ...string) *PubSub
	Close() error
	PoolStats() *PoolStats
}

var (
	_ UniversalClient = (*Client)(nil)
	_ UniversalClient = (*ClusterClient)(nil)
	_ UniversalClient = (*Ring)(nil)
)

// NewUniversalClient returns a ClusterClient, a failover Client or a Client,
// depending on opts.
func NewUniversalClient(opts *UniversalOptions) UniversalClient { return nil }
