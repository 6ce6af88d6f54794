/** The retrieval section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("retrieval: (no demo yet)");
}
