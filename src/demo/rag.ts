/** The rag section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("rag: (no demo yet)");
}
