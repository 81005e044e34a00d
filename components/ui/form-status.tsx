/** The outcome line under a form: the server's message on failure, a short confirmation on success. */
export function FormStatus({ error, saved, savedText = "Saved." }: { error: string | null; saved: boolean; savedText?: string }) {
  if (error) return <p role="alert" className="text-sm text-red-700">{error}</p>;
  if (saved) return <p role="status" className="text-sm text-emerald-700">{savedText}</p>;
  return null;
}
