import NicaCore
