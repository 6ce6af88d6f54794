/** The losses section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("losses: (no demo yet)");
}
