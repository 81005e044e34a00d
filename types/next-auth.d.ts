import type { Role } from "@/lib/server/auth/roles";

declare module "next-auth" {
  interface Session {
    user: { id: string; username: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    username?: string;
    role?: Role;
  }
}
