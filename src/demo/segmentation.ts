/** The segmentation section of `plumbline demo`. */
export async function run(print: (line: string) => void): Promise<void> {
  print("segmentation: (no demo yet)");
}
