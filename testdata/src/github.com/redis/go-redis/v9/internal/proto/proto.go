// Package proto is a hand-written stub in the shape of
// github.com/redis/go-redis/v9/internal/proto@v9.23.0 for connlint's
// analysistest, not the library.
package proto

// RedisError is an error reply from the server.
type RedisError string

func (e RedisError) Error() string { return string(e) }

func (RedisError) RedisError() {}

// Nil is the reply to a missing key.
const Nil = RedisError("redis: nil")
