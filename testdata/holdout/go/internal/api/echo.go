package api

import (
	"net/http"
	"os"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/labstack/echo/v4"
	"github.com/redis/go-redis/v9"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"holdout.example/svc/internal/db"
	"holdout.example/svc/internal/legacy"
)

// holdout: pos singleton
// singleton 1: pgx.Connect per request in an echo handler.
func EchoVersion(c echo.Context) error {
	conn, err := pgx.Connect(c.Request().Context(), os.Getenv("DATABASE_URL"))
	if err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, err.Error())
	}
	defer conn.Close(c.Request().Context())
	var v string
	if err := conn.QueryRow(c.Request().Context(), `SELECT version()`).Scan(&v); err != nil {
		return err
	}
	return c.String(http.StatusOK, v)
}

// holdout: pos singleton
// singleton 1: mongo.Connect per request inside an echo route closure.
func RegisterEcho(e *echo.Echo) {
	e.GET("/events/count", func(c echo.Context) error {
		mc, err := mongo.Connect(options.Client().ApplyURI(os.Getenv("MONGO_URI")))
		if err != nil {
			return err
		}
		defer mc.Disconnect(c.Request().Context())
		n, err := mc.Database("app").Collection("events").EstimatedDocumentCount(c.Request().Context())
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int64{"events": n})
	})
}

// holdout: pos singleton
// singleton 5: the legacy.NewService wrapper (struct holding new clients) called per request.
func EchoLegacy(c echo.Context) error {
	svc, err := legacy.NewService(os.Getenv("DATABASE_URL"), os.Getenv("MONGO_URI"))
	if err != nil {
		return err
	}
	defer svc.Mongo.Disconnect(c.Request().Context())
	types, err := svc.EventTypes(c.Request().Context())
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, types)
}

// holdout: neg
// echo handler that only uses the singleton pool and releases its conn.
func EchoPing(c echo.Context) error {
	if err := db.Ping(c.Request().Context()); err != nil {
		return echo.NewHTTPError(http.StatusServiceUnavailable, err.Error())
	}
	return c.NoContent(http.StatusNoContent)
}

// holdout: pos singleton
// singleton 1: redis.NewUniversalClient per request in an echo handler.
func EchoClusterInfo(c echo.Context) error {
	rdb := redis.NewUniversalClient(&redis.UniversalOptions{Addrs: strings.Split(os.Getenv("REDIS_ADDRS"), ",")})
	defer rdb.Close()
	info, err := rdb.Info(c.Request().Context(), "server").Result()
	if err != nil {
		return err
	}
	return c.String(http.StatusOK, info)
}
