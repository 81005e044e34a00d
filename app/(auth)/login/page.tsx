import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { env } from "@/lib/env";
import { homePathFor } from "@/lib/server/auth/roles";
import { getSessionUser } from "@/lib/server/auth/session";

export const metadata: Metadata = { title: "Sign in" };

function safeCallback(raw: string | string[] | undefined): string | undefined {
  const value = Array.isArray(raw) ? raw[0] : raw;
  // Only same-site paths: never redirect a user to another origin after signing in.
  return value && value.startsWith("/") && !value.startsWith("//") ? value : undefined;
}

export default async function LoginPage({ searchParams }: PageProps<"/login">) {
  const params = await searchParams;
  const user = await getSessionUser();
  if (user) redirect(safeCallback(params.callbackUrl) ?? homePathFor(user.role));

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <div className="mx-auto mb-3 flex h-12 w-12 items-center justify-center rounded-xl bg-brand-600 text-xl font-bold text-white">
            S
          </div>
          <h1 className="text-2xl font-semibold text-slate-900">Sign in to Switchboard</h1>
          {env.mode === "sandbox" ? (
            <p className="mt-2 text-sm text-slate-500">
              Sandbox mode: demo users <b>alice</b>, <b>bob</b> (agents), <b>sam</b> (supervisor) and{" "}
              <b>ada</b> (admin). The launcher printed the password.
            </p>
          ) : null}
        </div>
        <LoginForm callbackUrl={safeCallback(params.callbackUrl)} />
      </div>
    </main>
  );
}
