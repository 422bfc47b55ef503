// Package lifecycle is a hand-written stub in the shape of the
// runtime/lifecycle package of github.com/steebchen/prisma-client-go for
// connlint's analysistest, not the library.
package lifecycle

import "github.com/steebchen/prisma-client-go/engine"

// Lifecycle connects and disconnects an engine; generated clients embed it in
// PrismaActions, so client.Prisma.Connect/Disconnect resolve here.
type Lifecycle struct {
	Engine engine.Engine
}

func (c *Lifecycle) Connect() error    { return c.Engine.Connect() }
func (c *Lifecycle) Disconnect() error { return c.Engine.Disconnect() }
