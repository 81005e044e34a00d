"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FormStatus } from "@/components/ui/form-status";
import { Input, Label } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { createUserAction, updateUserAction } from "@/lib/actions/admin";
import { useAction } from "@/lib/hooks/use-action";

export interface EditableUser {
  id: string;
  username: string;
  name: string;
  email: string;
  role: "AGENT" | "SUPERVISOR" | "ADMIN";
  skills: string[];
  languages: string[];
  voiceCapacity: number;
}

const list = (value: FormDataEntryValue | null) =>
  String(value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** Creates a user (no `user`) or edits one. Skills and languages are comma-separated. */
export function UserForm({ user, onDone }: { user?: EditableUser; onDone?: () => void }) {
  const router = useRouter();
  const create = useAction(createUserAction);
  const update = useAction(updateUserAction);
  const { pending, error, saved } = user ? update : create;
  const prefix = user ? `edit-${user.username}` : "new-user";

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const f = new FormData(form);
    const common = {
      name: String(f.get("name") ?? ""),
      email: String(f.get("email") ?? ""),
      role: String(f.get("role") ?? "AGENT") as EditableUser["role"],
      skills: list(f.get("skills")),
      languages: list(f.get("languages")),
      voiceCapacity: Number(f.get("voiceCapacity") ?? 1),
    };
    const done = () => {
      router.refresh();
      onDone?.();
    };
    if (user) update.run({ ...common, userId: user.id }, done);
    else create.run({ ...common, username: String(f.get("username") ?? ""), password: String(f.get("password") ?? "") }, () => {
      form.reset();
      done();
    });
  }

  return (
    <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 md:grid-cols-4" aria-label={user ? `Edit ${user.username}` : "Add a user"}>
      {!user ? (
        <div className="space-y-1">
          <Label htmlFor={`${prefix}-username`}>Username</Label>
          <Input id={`${prefix}-username`} name="username" required autoComplete="off" />
        </div>
      ) : null}
      <div className="space-y-1">
        <Label htmlFor={`${prefix}-name`}>Full name</Label>
        <Input id={`${prefix}-name`} name="name" defaultValue={user?.name} required />
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${prefix}-email`}>Email</Label>
        <Input id={`${prefix}-email`} name="email" type="email" defaultValue={user?.email} required />
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${prefix}-role`}>Role</Label>
        <Select id={`${prefix}-role`} name="role" defaultValue={user?.role ?? "AGENT"}>
          <option value="AGENT">Agent</option>
          <option value="SUPERVISOR">Supervisor</option>
          <option value="ADMIN">Admin</option>
        </Select>
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${prefix}-skills`}>Skills (comma-separated)</Label>
        <Input id={`${prefix}-skills`} name="skills" defaultValue={user?.skills.join(", ")} placeholder="support, sales" />
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${prefix}-languages`}>Languages</Label>
        <Input id={`${prefix}-languages`} name="languages" defaultValue={user?.languages.join(", ") ?? "en"} placeholder="en, es" />
      </div>
      <div className="space-y-1">
        <Label htmlFor={`${prefix}-capacity`}>Simultaneous calls</Label>
        <Input id={`${prefix}-capacity`} name="voiceCapacity" type="number" min={1} max={5} defaultValue={user?.voiceCapacity ?? 1} />
      </div>
      {!user ? (
        <div className="space-y-1">
          <Label htmlFor={`${prefix}-password`}>Initial password</Label>
          <Input id={`${prefix}-password`} name="password" type="password" minLength={10} required autoComplete="new-password" />
        </div>
      ) : null}
      <div className="flex items-end gap-3 md:col-span-4">
        <Button type="submit" disabled={pending}>{pending ? "Saving…" : user ? "Save changes" : "Add user"}</Button>
        <FormStatus error={error} saved={saved} savedText={user ? "Saved." : "User added."} />
      </div>
    </form>
  );
}
