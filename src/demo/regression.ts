/** The regression section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("regression: (no demo yet)");
}
