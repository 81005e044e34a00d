"use client";

import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { resetPasswordAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

export function ResetPasswordForm({ userId, username }: { userId: string; username: string }) {
  const { run, pending, error, saved } = useAction(resetPasswordAction);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    run({ userId, password: String(new FormData(form).get("password") ?? "") }, () => form.reset());
  }
  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label={`Reset the password of ${username}`}>
      <div className="space-y-1">
        <Label htmlFor={`pw-${username}`}>New password</Label>
        <Input id={`pw-${username}`} name="password" type="password" minLength={10} required autoComplete="new-password" />
      </div>
      <Button type="submit" variant="secondary" disabled={pending}>Set password</Button>
      <FormStatus error={error} saved={saved} savedText="Password changed." />
    </form>
  );
}
