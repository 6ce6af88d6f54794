/** The text section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("text: (no demo yet)");
}
