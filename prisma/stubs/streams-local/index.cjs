// IN2 Studio runs its own PostgreSQL and never `prisma dev`, the only user of this package (see package.json).
throw new Error("@prisma/streams-local is not installed: `prisma dev` is not part of IN2 Studio (it needs Node >= 22)");
